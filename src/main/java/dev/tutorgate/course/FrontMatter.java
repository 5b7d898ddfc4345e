package dev.tutorgate.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.OptionalInt;

/**
 * The optional YAML block at the top of a lesson, between two "---" lines. Only {@code title}
 * and {@code order} mean something to us; other keys (tags, author…) are allowed and ignored.
 *
 * @param title null when not given
 * @param order empty when not given
 * @param body  the lesson without its front matter
 */
record FrontMatter(String title, OptionalInt order, String body) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String FENCE = "---";

    /**
     * Splits {@code text} (line endings already \n) into front matter and body.
     *
     * @param fileName names the lesson in error messages
     * @throws CourseException when the block is unterminated, not a mapping, or has a bad title/order
     */
    static FrontMatter parse(String text, String fileName) {
        if (!firstLine(text).strip().equals(FENCE)) {
            return new FrontMatter(null, OptionalInt.empty(), text);
        }
        int blockStart = text.indexOf('\n') + 1;
        int closing = findClosingFence(text, blockStart);
        if (closing < 0) {
            throw new CourseException("lesson " + fileName
                    + ": front matter opens with '---' on line 1 but has no closing '---' line");
        }
        String block = text.substring(blockStart, closing);
        int afterClosing = text.indexOf('\n', closing);
        String body = afterClosing < 0 ? "" : text.substring(afterClosing + 1);
        JsonNode node = readYaml(block, fileName);
        return new FrontMatter(title(node, fileName), order(node, fileName), body);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Index of the line that closes the block ("---" or YAML's "..."), or -1. */
    private static int findClosingFence(String text, int from) {
        int lineStart = from;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).strip();
            if (line.equals(FENCE) || line.equals("...")) {
                return lineStart;
            }
            if (lineEnd < 0) {
                return -1;
            }
            lineStart = lineEnd + 1;
        }
        return -1;
    }

    private static JsonNode readYaml(String block, String fileName) {
        if (block.isBlank()) {
            return YAML.createObjectNode();
        }
        JsonNode node;
        try {
            node = YAML.readTree(block);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (front matter line " + at.getLineNr() + ")";
            throw new CourseException("lesson " + fileName + ": front matter is not valid YAML" + where
                    + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return YAML.createObjectNode();
        }
        if (!node.isObject()) {
            throw new CourseException("lesson " + fileName
                    + ": front matter must be 'key: value' lines (e.g. 'title: Python basics'), not a "
                    + (node.isArray() ? "list" : "single value"));
        }
        return node;
    }

    private static String title(JsonNode node, String fileName) {
        JsonNode title = node.get("title");
        if (title == null || title.isNull()) {
            return null;
        }
        if (!title.isValueNode() || title.asText().isBlank()) {
            throw new CourseException("lesson " + fileName + ": front matter 'title' must be non-empty text");
        }
        return title.asText().strip();
    }

    private static OptionalInt order(JsonNode node, String fileName) {
        JsonNode order = node.get("order");
        if (order == null || order.isNull()) {
            return OptionalInt.empty();
        }
        if (order.isIntegralNumber() && order.canConvertToInt()) {
            return OptionalInt.of(order.intValue());
        }
        if (order.isTextual()) {
            try {
                return OptionalInt.of(Integer.parseInt(order.asText().strip()));
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new CourseException("lesson " + fileName + ": front matter 'order' must be a whole number, not '"
                + order.asText() + "'");
    }
}
