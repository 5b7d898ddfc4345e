package dev.tutorgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in string values with environment
 * variables, so secrets live in the environment, not in the file.
 *
 * <p>A value that is exactly one unset reference becomes null; inside a list it is dropped (so
 * {@code apiKeys: ["${KEY_1}", "${KEY_2}"]} works with one key set) and a warning says so.
 */
final class EnvInterpolator {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Map<String, String> env;
    private final List<String> warnings;

    EnvInterpolator(Map<String, String> env, List<String> warnings) {
        this.env = env;
        this.warnings = warnings;
    }

    JsonNode interpolate(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> entry : entries) {
                object.set(entry.getKey(), interpolate(entry.getValue(), join(path, entry.getKey())));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                String elementPath = path + "[" + i + "]";
                if (element.isTextual() && isSingleUnsetReference(element.asText())) {
                    warnings.add(elementPath + ": " + element.asText() + " is not set; that entry is skipped");
                    continue;
                }
                result.add(interpolate(element, elementPath));
            }
            return result;
        }
        if (node != null && node.isTextual()) {
            String text = node.asText();
            if (isSingleUnsetReference(text)) {
                return JsonNodeFactory.instance.nullNode();
            }
            return JsonNodeFactory.instance.textNode(substitute(text));
        }
        return node;
    }

    private boolean isSingleUnsetReference(String text) {
        Matcher matcher = REFERENCE.matcher(text.trim());
        if (!matcher.matches()) {
            return false;
        }
        String value = env.get(matcher.group(1));
        boolean unset = value == null || value.isEmpty();
        boolean noDefault = matcher.group(2) == null || matcher.group(3).isEmpty();
        return unset && noDefault;
    }

    private String substitute(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value == null || value.isEmpty()) {
                value = matcher.group(3) == null ? "" : matcher.group(3);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
