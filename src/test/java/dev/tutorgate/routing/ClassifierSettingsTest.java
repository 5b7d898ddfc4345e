package dev.tutorgate.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** routing.classifier as loaded from YAML and the environment, and the problems it reports. */
class ClassifierSettingsTest {
    private static TutorgateConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.fromYaml(yaml, "test.yaml", env).config();
    }

    @Test
    void theEmbeddedDefaultsAreTheDefaultsConstant() {
        assertThat(load(null, Map.of()).routing().classifier()).isEqualTo(TutorgateConfig.Classifier.DEFAULTS);
    }

    @Test
    void changingRoutingTargetsKeepsTheDefaultClassifier() {
        TutorgateConfig c = load("routing: { simple: offline, medium: offline, complex: offline, fallbacks: [] }", Map.of());
        assertThat(c.routing().classifier()).isEqualTo(TutorgateConfig.Classifier.DEFAULTS);
    }

    @Test
    void settingsFromYamlAndEnvironmentReachTheClassifier() {
        TutorgateConfig c = load("""
                routing:
                  classifier:
                    complexMinChars: 150
                    extraDebugWords: [глючит]
                """, Map.of("TUTORGATE_ROUTING_CLASSIFIER_MEDIUMMINCHARS", "90"));
        assertThat(c.routing().classifier().complexMinChars()).isEqualTo(150);
        assertThat(c.routing().classifier().mediumMinChars()).isEqualTo(90);
        assertThat(c.routing().classifier().manyQuestions()).isEqualTo(3);
        RuleBasedClassifier classifier = RuleBasedClassifier.fromConfig(c);
        assertThat(classifier.classify("всё глючит").complexity()).isEqualTo(Complexity.MEDIUM);
        assertThat(classifier.classify("всё глючит").reasons()).contains("debug words: глючит");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> load("""
                routing:
                  classifier:
                    complexMinChars: 50
                    mediumMinChars: 100
                    manyQuestions: 1
                    extraSimpleWords: ["", "ok"]
                    extraDebugWords: ["*"]
                    extraDesignWords: ["de*sign"]
                    extraMediumWords: ["_", ".env"]
                """, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.complexMinChars").contains("100"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.manyQuestions"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.extraSimpleWords[0]"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.extraDebugWords[0]"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.extraDesignWords[0]").contains("de*sign"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.extraMediumWords[0]").contains("letter"))
                        .anySatisfy(p -> assertThat(p).startsWith("routing.classifier.extraMediumWords[1]").contains(".env")));
    }

    @Test
    void unknownClassifierSettingsAndWrongTypesAreErrors() {
        assertThatThrownBy(() -> load("routing: { classifier: { complexMinChar: 10 } }", Map.of()))
                .hasMessageContaining("routing.classifier.complexMinChar").hasMessageContaining("unknown setting");
        assertThatThrownBy(() -> load("routing: { classifier: { extraMediumWords: lots } }", Map.of()))
                .hasMessageContaining("routing.classifier.extraMediumWords");
        assertThatThrownBy(() -> load("routing: { classifier: null }", Map.of()))
                .hasMessageContaining("routing.classifier");
    }
}
