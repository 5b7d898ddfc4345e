package dev.tutorgate.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alert as a Slack incoming-webhook message: {@code text} (the notification line, and all that
 * receivers without Block Kit show) plus {@code blocks} — a header, the explanation, the facts as
 * fields, and a context line with severity, key and time. Mattermost and most chat tools that
 * accept Slack webhooks read {@code text}; Slack renders the blocks.
 */
final class SlackPayload {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limits: header text 150 characters, 10 fields per section. */
    private static final int HEADER_MAX = 150;
    private static final int FIELDS_PER_SECTION = 10;

    private SlackPayload() {
    }

    static String of(Alert alert) {
        String icon = alert.severity() == Alert.Severity.CRITICAL ? "🚨" : "⚠️";
        ObjectNode root = JSON.createObjectNode();
        root.put("text", icon + " " + alert.title() + " — " + alert.text());
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(icon + " " + alert.title(), HEADER_MAX))
                .put("emoji", true);

        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", escape(alert.text()));

        List<Map.Entry<String, String>> facts = new ArrayList<>(alert.facts().entrySet());
        for (int from = 0; from < facts.size(); from += FIELDS_PER_SECTION) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            for (Map.Entry<String, String> fact : facts.subList(from, Math.min(from + FIELDS_PER_SECTION, facts.size()))) {
                fields.addObject().put("type", "mrkdwn").put("text", "*" + escape(fact.getKey()) + "*\n" + escape(fact.getValue()));
            }
        }

        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "tutorgate · " + alert.severity() + " · `" + escape(alert.key()) + "` · " + alert.at());
        return root.toString();
    }

    /** Slack's mrkdwn treats &, < and > as markup. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
