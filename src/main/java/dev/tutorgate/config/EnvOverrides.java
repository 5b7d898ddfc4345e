package dev.tutorgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies {@code TUTORGATE_SECTION_KEY=value} environment variables over the YAML tree, e.g.
 * {@code TUTORGATE_BUDGET_DAILYUSD=5} or {@code TUTORGATE_PROVIDERS_0_BASEURL=http://…}.
 *
 * <p>Names are matched against the configuration records case-insensitively, so they follow the
 * YAML keys. Variables whose first part is not a section (TUTORGATE_HOME…) are left to others; a
 * known section with an unknown key is an error, because a typo must not be silently ignored.
 * Values are read as YAML scalars or flow collections ("20", "true", "[a, b]").
 */
final class EnvOverrides {
    private static final String PREFIX = "TUTORGATE_";

    private EnvOverrides() {
    }

    static void apply(ObjectNode root, Map<String, String> env, List<String> problems) {
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            List<String> parts = List.of(name.substring(PREFIX.length()).split("_"));
            if (parts.isEmpty() || component(TutorgateConfig.class, parts.getFirst()) == null) {
                continue;
            }
            try {
                set(root, TutorgateConfig.class, parts, 0, parse(variable.getValue()), "");
            } catch (IllegalArgumentException e) {
                problems.add("environment variable " + name + ": " + e.getMessage());
            }
        }
    }

    private static void set(JsonNode container, Type type, List<String> parts, int index, JsonNode value, String path) {
        String part = parts.get(index);
        boolean last = index == parts.size() - 1;
        if (container instanceof ArrayNode array) {
            int position = parseIndex(part, path);
            while (array.size() <= position) {
                array.add(JsonNodeFactory.instance.objectNode());
            }
            Type elementType = elementType(type);
            String elementPath = path + "[" + position + "]";
            if (last) {
                array.set(position, value);
            } else {
                set(child(array.get(position), elementType, array, position), elementType, parts, index + 1, value,
                        elementPath);
            }
            return;
        }
        Class<?> recordClass = rawClass(type);
        RecordComponent component = recordClass.isRecord() ? component(recordClass, part) : null;
        if (component == null) {
            throw new IllegalArgumentException("no setting '" + part.toLowerCase(Locale.ROOT) + "' under '"
                    + (path.isEmpty() ? "(top)" : path) + "'");
        }
        ObjectNode object = (ObjectNode) container;
        String key = component.getName();
        String childPath = EnvInterpolator.join(path, key);
        if (last) {
            object.set(key, value);
            return;
        }
        JsonNode existing = object.get(key);
        Type childType = component.getGenericType();
        if (existing == null || existing.isNull()) {
            existing = isList(childType) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            object.set(key, existing);
        }
        set(existing, childType, parts, index + 1, value, childPath);
    }

    private static JsonNode child(JsonNode existing, Type type, ArrayNode array, int position) {
        if (existing == null || existing.isNull()) {
            JsonNode created = isList(type) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
            array.set(position, created);
            return created;
        }
        return existing;
    }

    private static RecordComponent component(Class<?> recordClass, String part) {
        String wanted = part.replace("-", "").toLowerCase(Locale.ROOT);
        for (RecordComponent component : recordClass.getRecordComponents()) {
            if (component.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return component;
            }
        }
        return null;
    }

    private static int parseIndex(String part, String path) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + path + "' is a list: expected an index, got '" + part + "'");
        }
    }

    private static boolean isList(Type type) {
        return List.class.isAssignableFrom(rawClass(type));
    }

    private static Type elementType(Type listType) {
        return listType instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[0] : Object.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static JsonNode parse(String value) {
        try {
            JsonNode node = Yaml.MAPPER.readTree(value);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(value) : node;
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}
