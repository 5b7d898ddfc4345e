package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.Complexity;
import dev.tutorgate.routing.RuleBasedClassifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionMixTest {
    @TempDir
    Path dir;

    @Test
    void everyHundredBuiltInRequestsAreSixtyThirtyTen() {
        QuestionMix mix = QuestionMix.builtIn();
        for (int start : new int[] {0, 100, 37}) {
            Map<Complexity, Integer> counts = new EnumMap<>(Complexity.class);
            IntStream.range(start, start + 100).forEach(i -> counts.merge(mix.question(i).label(), 1, Integer::sum));
            assertThat(counts).containsEntry(Complexity.SIMPLE, 60).containsEntry(Complexity.MEDIUM, 30)
                    .containsEntry(Complexity.COMPLEX, 10);
        }
    }

    @Test
    void theBuiltInQuestionsAreAllAskedInBothLanguages() {
        QuestionMix mix = QuestionMix.builtIn();
        Set<String> asked = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> asked.add(mix.question(i).text()));

        assertThat(asked).hasSize(mix.size());
        assertThat(asked).anyMatch(q -> q.matches(".*[а-яА-Я].*")).anyMatch(q -> q.matches("[A-Za-z].*"));
    }

    @Test
    void theServersClassifierAgreesWithTheBuiltInLabels() {
        // the mix is only realistic if the server routes it as labelled
        RuleBasedClassifier classifier = RuleBasedClassifier.withDefaults();
        QuestionMix mix = QuestionMix.builtIn();
        IntStream.range(0, mix.size() * 2).mapToObj(mix::question).forEach(q ->
                assertThat(classifier.classify(q.text()).complexity()).as(q.text()).isEqualTo(q.label()));
    }

    @Test
    void aFileIsAskedInItsOrderWithLabelsCommentsEscapesAndABom() throws Exception {
        Path file = dir.resolve("q.txt");
        Files.writeString(file, "\uFEFFWhat is Flask?\n# a comment\n\n  \ncomplex\tDebug this:\\nprint(x\nnot-a-label\tstays whole\n",
                StandardCharsets.UTF_8);

        QuestionMix mix = QuestionMix.fromFile(file);

        assertThat(mix.size()).isEqualTo(3);
        assertThat(mix.question(0)).isEqualTo(new Question("What is Flask?", null));
        assertThat(mix.question(1)).isEqualTo(new Question("Debug this:\nprint(x", Complexity.COMPLEX));
        assertThat(mix.question(2)).isEqualTo(new Question("not-a-label\tstays whole", null));
        assertThat(mix.question(3)).isEqualTo(mix.question(0));
        assertThat(mix.source()).isEqualTo(file.toString());
    }

    @Test
    void badFilesAreRefusedWithASentence() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n\n");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "Qu'est-ce que \u00e7a?\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> QuestionMix.fromFile(empty)).hasMessage("the questions file has no questions: " + empty);
        assertThatThrownBy(() -> QuestionMix.fromFile(latin1)).hasMessage("the questions file is not UTF-8 text: " + latin1);
        assertThatThrownBy(() -> QuestionMix.fromFile(dir.resolve("none.txt"))).hasMessageStartingWith("no such questions file");
        assertThatThrownBy(() -> QuestionMix.fromFile(dir)).hasMessageStartingWith("cannot read the questions file");
    }
}
