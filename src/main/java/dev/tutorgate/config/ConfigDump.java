package dev.tutorgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;

/** The effective configuration as YAML for people, with every secret replaced by "***". */
public final class ConfigDump {
    static final String REDACTED = "***";

    private ConfigDump() {
    }

    public static String redactedYaml(TutorgateConfig config) {
        ObjectNode tree = Yaml.MAPPER.valueToTree(config);
        redact(tree, "admin", "token");
        if (tree.get("providers") instanceof ArrayNode providers) {
            for (JsonNode provider : providers) {
                if (provider.get("apiKeys") instanceof ArrayNode keys) {
                    for (int i = 0; i < keys.size(); i++) {
                        keys.set(i, REDACTED);
                    }
                }
            }
        }
        if (tree.get("alerts") instanceof ObjectNode alerts) {
            if (alerts.hasNonNull("webhookUrl")) {
                alerts.put("webhookUrl", originOnly(alerts.get("webhookUrl").asText()));
            }
            if (alerts.get("email") instanceof ObjectNode email) {
                redact(email, "password");
            }
        }
        if (tree.get("storage") instanceof ObjectNode storage) {
            for (String key : new String[] {"ledger", "redis"}) {
                if (storage.hasNonNull(key)) {
                    storage.put(key, withoutCredentials(storage.get(key).asText()));
                }
            }
        }
        try {
            return Yaml.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void redact(ObjectNode parent, String section, String key) {
        if (parent.get(section) instanceof ObjectNode child) {
            redact(child, key);
        }
    }

    private static void redact(ObjectNode node, String key) {
        if (node.hasNonNull(key)) {
            node.put(key, REDACTED);
        }
    }

    /** Webhook URLs carry their secret in the path (Slack): keep only scheme and host. */
    static String originOnly(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + REDACTED;
        } catch (IllegalArgumentException e) {
            return REDACTED;
        }
    }

    /** Drops user:password@ and password= parameters from JDBC and Redis URLs. */
    static String withoutCredentials(String url) {
        return url.replaceAll("//[^/@]*@", "//" + REDACTED + "@")
                .replaceAll("(?i)(password=)[^&;]*", "$1" + REDACTED);
    }
}
