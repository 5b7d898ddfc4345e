package dev.tutorgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRouterTest {
    private static final String THREE_MODELS = """
            providers:
              - { name: gemini-main, type: gemini, apiKeys: [g] }
              - { name: openai-main, type: openai, apiKeys: [o] }
              - { name: anthropic-main, type: anthropic, apiKeys: [a] }
            models:
              - { name: gemini-2.5-flash, provider: gemini-main }
              - { name: gpt-4.1-mini, provider: openai-main }
              - { name: claude-sonnet-4-5, provider: anthropic-main }
            routing:
              simple: gemini-2.5-flash
              medium: gpt-4.1-mini
              complex: claude-sonnet-4-5
              fallbacks: [gpt-4.1-mini, offline]
            """;

    private static ModelRouter router(String simple, String medium, String complex, String... fallbacks) {
        return new ModelRouter(new TutorgateConfig.Routing(simple, medium, complex, Arrays.asList(fallbacks)),
                RuleBasedClassifier.withDefaults());
    }

    @Test
    void eachComplexityGoesToItsConfiguredModelThenTheFallbacksWithoutRepeats() {
        ModelRouter router = ModelRouter.fromConfig(ConfigLoader.fromYaml(THREE_MODELS, "t", Map.of()).config());

        RoutePlan simple = router.route("Что такое FastAPI?");
        assertThat(simple.complexity()).isEqualTo(Complexity.SIMPLE);
        assertThat(simple.candidates()).containsExactly("gemini-2.5-flash", "gpt-4.1-mini", "offline");

        RoutePlan medium = router.route("Сравни FastAPI и Django REST Framework");
        assertThat(medium.model()).isEqualTo("gpt-4.1-mini");
        assertThat(medium.candidates()).containsExactly("gpt-4.1-mini", "offline");

        RoutePlan complex = router.route("Спроектируй архитектуру для e-commerce с ML");
        assertThat(complex.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(complex.fallbacks()).containsExactly("gpt-4.1-mini", "offline");
        assertThat(complex.reasons()).anySatisfy(r -> assertThat(r).startsWith("design words: спроектируй"));
    }

    @Test
    void offlineIsAlwaysTheLastResortAndNeverRepeated() {
        assertThat(router("a", "b", "c").candidates(Complexity.MEDIUM)).containsExactly("b", "offline");
        assertThat(router("a", "b", "c", "offline", "a").candidates(Complexity.COMPLEX)).containsExactly("c", "offline", "a");
        assertThat(router("offline", "b", "c", "b").candidates(Complexity.SIMPLE)).containsExactly("offline", "b");
        assertThat(new ModelRouter(new TutorgateConfig.Routing("a", "b", "c", null), RuleBasedClassifier.withDefaults())
                .candidates(Complexity.SIMPLE)).containsExactly("a", "offline");
    }

    @Test
    void theEmbeddedDefaultsRouteEverythingOffline() {
        ModelRouter router = ModelRouter.fromConfig(ConfigLoader.fromYaml(null, "defaults", Map.of()).config());
        for (Complexity c : Complexity.values()) {
            assertThat(router.candidates(c)).containsExactly("offline");
        }
    }

    @Test
    void plansAreDeterministicAndTheirListsImmutable() {
        ModelRouter router = router("a", "b", "c", "b", "a");
        RoutePlan first = router.route("why is the sky blue");
        assertThat(router.route("why is the sky blue")).isEqualTo(first);
        assertThat(router.modelFor(Complexity.COMPLEX)).isEqualTo("c");
        assertThatThrownBy(() -> router.candidates(Complexity.SIMPLE).add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.candidates().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPlanFollowsTheGivenClassification() {
        RoutePlan plan = router("a", "b", "c").plan(new Classification(Complexity.COMPLEX, List.of("told so")));
        assertThat(plan).isEqualTo(new RoutePlan(Complexity.COMPLEX, List.of("told so"), List.of("c", "offline")));
    }

    @Test
    void missingModelNamesAreRefused() {
        assertThatThrownBy(() -> router("a", " ", "c")).hasMessageContaining("routing.medium");
        assertThatThrownBy(() -> router("a", "b", "c", "x", null)).hasMessageContaining("routing.fallbacks[1]");
        assertThatThrownBy(() -> new RoutePlan(Complexity.SIMPLE, List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
