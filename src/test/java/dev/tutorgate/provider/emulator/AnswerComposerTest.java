package dev.tutorgate.provider.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers: exact length, deterministic, tutor-like, citing the lesson that fits the question. */
class AnswerComposerTest {
    private final AnswerComposer composer = new AnswerComposer();
    private static final List<String> LESSONS = List.of("Python basics", "Virtual environments", "HTTP and REST",
            "FastAPI", "Testing with pytest");

    @Test
    void answersHaveExactlyTheAskedNumberOfPiecesAndReadAsSentences() {
        for (int n : new int[]{1, 2, 7, 200, 1000}) {
            String[] answer = composer.compose("How do I test my API?", LESSONS, n);
            assertThat(answer).hasSize(n).doesNotContainNull();
            assertThat(answer[0]).doesNotStartWith(" ");
            assertThat(List.of(answer).subList(1, n)).allSatisfy(p -> assertThat(p).startsWith(" ").hasSizeGreaterThan(1));
        }
        String text = String.join("", composer.compose("How do I test my API?", List.of(), 60));
        assertThat(text).matches("[A-Z].*").contains(". ");
    }

    @Test
    void theSameQuestionGetsTheSameAnswerAndOthersDiffer() {
        String a = String.join("", composer.compose("What is a virtual environment?", LESSONS, 50));
        String b = String.join("", new AnswerComposer().compose("What is a virtual environment?", LESSONS, 50));
        assertThat(a).isEqualTo(b);
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> String.join("", composer.compose("question " + i, List.of(), 40))).distinct().count();
        assertThat(distinct).isGreaterThan(3);
    }

    @Test
    void aRememberedAnswerIsTheComposedOneWithItsTextAndJsonAndDependsOnEveryInput() throws Exception {
        String question = "Why does \"pip\" say\\fail?";
        AnswerComposer.Answer answer = composer.answer(question, LESSONS, 40);
        assertThat(answer.pieces()).containsExactly(composer.compose(question, LESSONS, 40));
        assertThat(answer.text()).isEqualTo(String.join("", answer.pieces()));
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(answer.json(), String.class))
                .isEqualTo(answer.text());
        assertThat(composer.answer(question, LESSONS, 40)).isSameAs(answer);
        assertThat(composer.answer(question, LESSONS, 41).pieces()).hasSize(41);
        assertThat(composer.answer(question, List.of(), 40).text()).isEqualTo(String.join("", composer.compose(question, List.of(), 40)));
        assertThat(composer.answer("Another question", LESSONS, 40).text()).isNotEqualTo(answer.text());
    }

    @Test
    void citesTheLessonSharingMostWordsWithTheQuestion() {
        assertThat(String.join("", composer.compose("How do I write tests with pytest?", LESSONS, 30)))
                .contains("lesson \"Testing with pytest\"");
        assertThat(String.join("", composer.compose("Why do I need virtual environments?", LESSONS, 30)))
                .contains("lesson \"Virtual environments\"");
        assertThat(AnswerComposer.pickLesson("Something unrelated entirely", LESSONS, 3)).isIn(LESSONS);
        assertThat(AnswerComposer.pickLesson("anything", List.of(), 3)).isNull();
        assertThat(String.join("", composer.compose("q", List.of(), 30))).doesNotContain("lesson \"");
    }

    @Test
    void findsLessonTitlesInHeadingsAndLessonLines() {
        String prompt = """
                You are a tutor. Cite lessons.
                # Python basics
                ## A sub-heading that is not a lesson
                Lesson 3: HTTP and REST
                lesson: FastAPI\r
                ### Lesson 5 - Testing with pytest
                #hashtag is not a heading
                Lessons learned: not a title
                # Python basics
                """;
        assertThat(PromptMeter.titles(prompt)).containsExactly("Python basics", "HTTP and REST", "FastAPI", "Testing with pytest");
        assertThat(PromptMeter.titles("no titles here")).isEmpty();
    }

    @Test
    void tutorgatesOwnLessonMarkersAreTheTitlesAndCodeCommentsNeverAre() {
        String prompt = """
                <lesson number="1" title="Virtual environments and packages">
                # Virtual environments
                ```bash
                # for PostgreSQL also: python -m pip install "psycopg[binary]"
                python -m venv .venv
                ```
                </lesson>
                <lesson number="2" title="HTTP and REST">
                # for PostgreSQL also: a heading outside a code block, still a section of the lesson
                ~~~
                # not a title either
                ~~~
                </lesson>
                """;
        assertThat(PromptMeter.titles(prompt))
                .containsExactly("Virtual environments and packages", "HTTP and REST");
    }

    @Test
    void countsTokensConsistentlyAndCachesLongTexts() {
        PromptMeter meter = new PromptMeter();
        String course = "# Lesson one\n" + "Python is a language. ".repeat(200);
        PromptMeter.TextFacts first = meter.facts(course);
        PromptMeter.TextFacts again = meter.facts(new String(course.toCharArray()));

        assertThat(first.tokens()).isGreaterThan(600).isEqualTo(again.tokens());
        assertThat(again).isSameAs(first);
        assertThat(first.titles()).containsExactly("Lesson one");
        assertThat(meter.tokens("")).isZero();
        assertThat(meter.tokens("Hello world")).isEqualTo(2);
    }
}
