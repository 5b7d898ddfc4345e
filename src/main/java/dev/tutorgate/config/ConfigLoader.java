package dev.tutorgate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration: embedded defaults, merged with the user's YAML file, then
 * {@code TUTORGATE_*} environment overrides, then {@code ${ENV}} references resolved, bound to
 * {@link TutorgateConfig} and validated. Any problem ends in one {@link ConfigException} listing
 * every key that is wrong.
 */
public final class ConfigLoader {
    private static final String DEFAULTS = "/dev/tutorgate/config/defaults.yaml";

    private ConfigLoader() {
    }

    /** Embedded defaults and the process environment: what `tutorgate serve` uses without --config. */
    public static LoadedConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static LoadedConfig load(Path file, Map<String, String> env) {
        String source = file == null ? "embedded defaults" : file.toString();
        String text = null;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file " + file + ": not found");
            }
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new ConfigException("config file " + file + ": cannot read (" + e.getMessage() + ")");
            }
        }
        return fromYaml(text, source, env);
    }

    /** Loads from YAML text (null = defaults only); {@code source} names it in messages. */
    public static LoadedConfig fromYaml(String yaml, String source, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ObjectNode tree = readDefaults();
        if (yaml != null && !yaml.isBlank()) {
            JsonNode user = readUserYaml(yaml, source);
            if (!user.isNull() && !user.isMissingNode()) {
                if (!(user instanceof ObjectNode userObject)) {
                    throw new ConfigException(source + ": the top level must be a mapping of sections (server:, budget:, …)");
                }
                merge(tree, userObject);
            }
        }
        EnvOverrides.apply(tree, env, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        JsonNode resolved = new EnvInterpolator(env, warnings).interpolate(tree, "");
        TutorgateConfig config = bind(resolved, source);
        problems.addAll(ConfigValidator.validate(config, warnings));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LoadedConfig(config, source, List.copyOf(warnings));
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) Yaml.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded defaults are unreadable", e);
        }
    }

    private static JsonNode readUserYaml(String yaml, String source) {
        try {
            JsonNode node = Yaml.MAPPER.readTree(yaml);
            return node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            throw new ConfigException(source + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        }
    }

    /** Objects merge key by key; anything else replaces. Price rows add to the default table. */
    private static void merge(ObjectNode base, ObjectNode override) {
        Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode existingObject && value instanceof ObjectNode valueObject) {
                merge(existingObject, valueObject);
            } else if (field.getKey().equals("prices") && existing instanceof ArrayNode rows && value instanceof ArrayNode added) {
                rows.addAll(added);
            } else {
                base.set(field.getKey(), value);
            }
        }
    }

    private static TutorgateConfig bind(JsonNode tree, String source) {
        try {
            return Yaml.MAPPER.treeToValue(tree, TutorgateConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            throw new ConfigException(path(e) + ": unknown setting" + known);
        } catch (InvalidFormatException e) {
            throw new ConfigException(path(e) + ": '" + e.getValue() + "' is not a valid "
                    + describe(e.getTargetType()) + cause(e));
        } catch (MismatchedInputException e) {
            throw new ConfigException(path(e) + ": expected " + describe(e.getTargetType()) + cause(e));
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e) + ": " + rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + e.getOriginalMessage());
        }
    }

    private static String cause(JsonMappingException e) {
        Throwable cause = e.getCause();
        return cause instanceof IllegalArgumentException ? " — " + cause.getMessage() : "";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : root.getMessage();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class || type == java.math.BigDecimal.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true/false";
        }
        if (type == java.time.LocalDate.class) {
            return "date (YYYY-MM-DD)";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == ProviderType.class) {
            return "provider type";
        }
        if (type.isRecord()) {
            return "mapping";
        }
        return type.getSimpleName();
    }

    /** "budget.dailyUsd", "providers[1].type" — the key as the user wrote it. */
    static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(top level)" : out.toString();
    }
}
