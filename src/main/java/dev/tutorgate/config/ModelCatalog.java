package dev.tutorgate.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Context windows and output caps of well-known models (resource model-catalog.yaml). */
public final class ModelCatalog {
    public record Entry(String name, long contextWindow, int maxOutputTokens) {
    }

    private static final Map<String, Entry> ENTRIES = read();

    private ModelCatalog() {
    }

    /** Every catalogued model, sorted by name. */
    public static List<Entry> all() {
        return ENTRIES.values().stream().sorted(java.util.Comparator.comparing(Entry::name)).toList();
    }

    public static Optional<Entry> find(String modelName) {
        return Optional.ofNullable(ENTRIES.get(modelName));
    }

    /** The model's context window: configured, else catalogued, else empty. */
    public static Optional<Long> contextWindow(TutorgateConfig.Model model) {
        if (model.contextWindow() != null) {
            return Optional.of(model.contextWindow());
        }
        return find(model.upstreamNameOrName()).or(() -> find(model.name())).map(Entry::contextWindow);
    }

    /** The model's own output cap: configured, else catalogued, else empty. */
    public static Optional<Integer> maxOutputTokens(TutorgateConfig.Model model) {
        if (model.maxOutputTokens() != null) {
            return Optional.of(model.maxOutputTokens());
        }
        return find(model.upstreamNameOrName()).or(() -> find(model.name())).map(Entry::maxOutputTokens);
    }

    private static Map<String, Entry> read() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("/dev/tutorgate/config/model-catalog.yaml")) {
            List<Entry> entries = Yaml.MAPPER.readValue(in, new TypeReference<>() {
            });
            return entries.stream().collect(Collectors.toUnmodifiableMap(Entry::name, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("model catalog is unreadable", e);
        }
    }
}
