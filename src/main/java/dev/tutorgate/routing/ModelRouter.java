package dev.tutorgate.routing;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps a question to its model from {@code routing.simple / medium / complex}, with the ordered
 * candidates to fall back on: the routed model, then {@code routing.fallbacks} without repeats, then
 * {@value #OFFLINE} if it is not there yet. Pure and deterministic; the candidate lists are built
 * once, so routing a question costs one classification and one small record.
 */
public final class ModelRouter {
    /** The course-search answerer: no LLM, always available, free. */
    public static final String OFFLINE = "offline";

    private final ComplexityClassifier classifier;
    private final Map<Complexity, List<String>> candidates = new EnumMap<>(Complexity.class);

    public ModelRouter(TutorgateConfig.Routing routing, ComplexityClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        List<String> fallbacks = routing.fallbacks() == null ? List.of() : routing.fallbacks();
        candidates.put(Complexity.SIMPLE, candidates("routing.simple", routing.simple(), fallbacks));
        candidates.put(Complexity.MEDIUM, candidates("routing.medium", routing.medium(), fallbacks));
        candidates.put(Complexity.COMPLEX, candidates("routing.complex", routing.complex(), fallbacks));
    }

    /** The router of a loaded configuration, with its configured classifier. */
    public static ModelRouter fromConfig(TutorgateConfig config) {
        return new ModelRouter(config.routing(), RuleBasedClassifier.fromConfig(config));
    }

    private static List<String> candidates(String key, String routed, List<String> fallbacks) {
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(requireName(key, routed));
        for (int i = 0; i < fallbacks.size(); i++) {
            ordered.add(requireName("routing.fallbacks[" + i + "]", fallbacks.get(i)));
        }
        ordered.add(OFFLINE);
        return List.copyOf(ordered);
    }

    private static String requireName(String key, String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(key + ": missing model name");
        }
        return model;
    }

    /** Classifies the question and plans its route. */
    public RoutePlan route(String question) {
        return plan(classifier.classify(question));
    }

    /** The route for an already classified question. */
    public RoutePlan plan(Classification classification) {
        return new RoutePlan(classification.complexity(), classification.reasons(), candidates(classification.complexity()));
    }

    /** The model configured for a complexity. */
    public String modelFor(Complexity complexity) {
        return candidates(complexity).getFirst();
    }

    /** The routed model and its fallbacks for a complexity (immutable). */
    public List<String> candidates(Complexity complexity) {
        return candidates.get(Objects.requireNonNull(complexity, "complexity"));
    }
}
