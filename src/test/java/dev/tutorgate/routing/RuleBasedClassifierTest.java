package dev.tutorgate.routing;

import static dev.tutorgate.core.Complexity.COMPLEX;
import static dev.tutorgate.core.Complexity.MEDIUM;
import static dev.tutorgate.core.Complexity.SIMPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.Complexity;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleBasedClassifierTest {
    private final RuleBasedClassifier classifier = RuleBasedClassifier.withDefaults();

    private Complexity label(String question) {
        return classifier.classify(question).complexity();
    }

    private List<String> reasons(String question) {
        return classifier.classify(question).reasons();
    }

    @Nested
    class TheBriefsExamples {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "Что такое FastAPI?                                  | SIMPLE",
                "Как создать переменную в Python?                    | SIMPLE",
                "Сравни FastAPI и Django REST Framework              | MEDIUM",
                "Объясни разницу между SSR и CSR                     | MEDIUM",
                "Найди ошибку в моём коде для async обработки        | MEDIUM",
                "Спроектируй архитектуру для e-commerce с ML         | COMPLEX"})
        void areLabelledAsTheBriefSays(String question, Complexity expected) {
            assertThat(label(question)).isEqualTo(expected);
        }

        @Test
        void findTheBugBecomesComplexOnceTheCodeIsThere() {
            assertThat(label("Найди ошибку в моём коде для async обработки:\nasync def handle(m):\n    await process(m)"))
                    .isEqualTo(COMPLEX);
        }

        @Test
        void longWithCodeAndDebugWordsIsComplexAndSaysSo() {
            String question = "Please help me debug this, it fails every time I run it and I tried everything I know "
                    + "including reinstalling the packages and restarting the machine:\n"
                    + "def load(path):\n    with open(path) as f:\n        return json.load(f)\n";
            Classification c = classifier.classify(question);
            assertThat(c.complexity()).isEqualTo(COMPLEX);
            assertThat(c.reasons()).contains("code lines: 3", "length " + question.strip().length() + " > 200")
                    .anySatisfy(r -> assertThat(r).startsWith("debug words: ").contains("debug").contains("fails"));
        }
    }

    @Nested
    class CodeDetection {
        @Test
        void aFencedBlockIsCode() {
            assertThat(reasons("what does this do?\n```\nx = 1\n```")).contains("code block");
        }

        @Test
        void aPythonTracebackIsComplexEvenWithoutWords() {
            String traceback = """
                    Traceback (most recent call last):
                      File "main.py", line 3, in <module>
                        import fastapi
                    ModuleNotFoundError: No module named 'fastapi'""";
            Classification c = classifier.classify(traceback);
            assertThat(c.complexity()).isEqualTo(COMPLEX);
            assertThat(c.reasons()).contains("traceback", "error: ModuleNotFoundError");
        }

        @Test
        void pytestFailureLinesCountAsATraceback() {
            assertThat(reasons("E       assert 200 == 201\ntests/test_api.py:12: AssertionError")).contains("traceback");
        }

        @Test
        void indentedLinesAreCode() {
            assertThat(CodeDetector.inspect("look:\n    total += price\n    count += 1").codeLines()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "def add(a, b):\nreturn a + b",
                "import os\nfrom pathlib import Path",
                "SELECT name FROM users\nWHERE id = 5",
                "FROM python:3.12-slim\nRUN pip install -r requirements.txt",
                "const x = 1;\n}",
                "@app.get(\"/items\")\nasync def items():"})
        void pastedLinesInSeveralLanguagesAreCode(String code) {
            assertThat(CodeDetector.inspect(code).hasCode()).as(code).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "Can you explain [x**2 for x in range(10)]?",
                "what's wrong with d = {k: v for k, v in pairs}",
                "why does `len(x) == 0` look odd"})
        void twoKindsOfCodeTokenInASentenceAreInlineCode(String question) {
            assertThat(CodeDetector.inspect(question).inlineCode()).as(question).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "What does the await keyword do?",
                "How do I select rows from a table where the id is bigger than 5?",
                "how to create table in sqlite",
                "what is the difference between is and == in python",
                "Что такое лямбда-функция?",
                "What's the command to install everything from requirements.txt"})
        void proseWithOneCodeishWordIsNotCode(String question) {
            assertThat(CodeDetector.inspect(question).hasCode()).as(question).isFalse();
        }

        @Test
        void exceptionNamesAndHttpErrorsAreNamedButPlainErrorIsNot() {
            assertThat(CodeDetector.inspect("got a KeyError here").error()).isEqualTo("KeyError");
            assertThat(CodeDetector.inspect("raises HTTPException").error()).isEqualTo("HTTPException");
            assertThat(CodeDetector.inspect("returns 422 Unprocessable Entity").error()).isEqualTo("422 Unprocessable Entity");
            assertThat(CodeDetector.inspect("what is an Error?").error()).isNull();
            assertThat(CodeDetector.inspect("what is a 500 error").error()).isNull();
        }
    }

    @Nested
    class Words {
        @ParameterizedTest
        @ValueSource(strings = {"Объясни async", "Объясните async", "Можешь объяснить async?", "нужно объяснение async"})
        void russianInflectionsOfExplainAreExplanations(String question) {
            assertThat(label(question)).isEqualTo(MEDIUM);
            assertThat(reasons(question)).anySatisfy(r -> assertThat(r).startsWith("explain/compare words: объясн"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"В чём разница между GET и POST?", "в чем разница между GET и POST",
                "Чем GET отличается от POST?", "сравните GET и POST", "GET или POST?"})
        void comparisonsWithOrWithoutЁAreMedium(String question) {
            assertThat(label(question)).isEqualTo(MEDIUM);
        }

        @ParameterizedTest
        @ValueSource(strings = {"как отладить этот код", "отладка не помогает", "всё ещё не работает",
                "тесты не работают", "приложение падает", "опять всё сломалось", "почини пожалуйста"})
        void russianDebuggingWordsInAnyForm(String question) {
            assertThat(reasons(question)).anySatisfy(r -> assertThat(r).startsWith("debug words: "));
        }

        @ParameterizedTest
        @ValueSource(strings = {"it doesn't work", "it doesnt work", "it doesn’t work", "my tests fail", "can you fix it",
                "the server hangs", "I can't figure out why"})
        void englishDebuggingWordsIncludingApostropheVariants(String question) {
            assertThat(reasons(question)).anySatisfy(r -> assertThat(r).startsWith("debug words: "));
        }

        @Test
        void wordsMatchWholeWordsOnly() {
            assertThat(reasons("What is a fixture in pytest?")).noneSatisfy(r -> assertThat(r).startsWith("debug words"));
            assertThat(reasons("what does pip freeze do")).noneSatisfy(r -> assertThat(r).startsWith("debug words"));
            assertThat(reasons("what is a vscode extension")).noneSatisfy(r -> assertThat(r).contains("vs"));
        }

        @Test
        void errorWordsAloneDoNotMakeADefinitionHarder() {
            assertThat(label("что значит ошибка 404")).isEqualTo(SIMPLE);
            assertThat(label("What is a 500 error?")).isEqualTo(SIMPLE);
        }

        @Test
        void errorWordsNextToCodeMeanDebugging() {
            Classification c = classifier.classify("this gives an error:\nx = int(value)\nprint(x)");
            assertThat(c.complexity()).isEqualTo(COMPLEX);
            assertThat(c.reasons()).contains("error words: error");
        }

        @Test
        void anErrorNameAskedAboutAsADefinitionIsSimple() {
            assertThat(label("IndentationError: expected an indented block что это значит")).isEqualTo(SIMPLE);
            assertThat(label("KeyError: 'id' — what does it mean, my code keeps failing")).isEqualTo(COMPLEX);
        }
    }

    @Nested
    class Shape {
        @Test
        void designWordsAreComplexUnlessItIsAShortDefinition() {
            assertThat(label("Help me design the database for my course app")).isEqualTo(COMPLEX);
            assertThat(label("оптимизируй этот запрос")).isEqualTo(COMPLEX);
            assertThat(label("What is software architecture?")).isEqualTo(MEDIUM);
        }

        @Test
        void aLongQuestionWithoutAnySignalIsMedium() {
            String question = "I am following lesson four and I am now at the part with the course project "
                    + "where we add the list of students to the page and show them in a table.";
            assertThat(question.length()).isBetween(121, 200);
            assertThat(label(question)).isEqualTo(MEDIUM);
            assertThat(reasons(question)).containsExactly("length " + question.length() + " > 120");
        }

        @Test
        void twoQuestionsAreMediumAndManyInALongMessageAreComplex() {
            assertThat(label("Is FastAPI free? Is Flask free?")).isEqualTo(MEDIUM);
            assertThat(reasons("Is FastAPI free? Is Flask free?")).contains("2 questions");
            String many = "Where do I put the database file? Which driver do I install for it? Who creates the tables "
                    + "on the first start? And how do I see the rows afterwards from the terminal on my laptop "
                    + "when the server is running?";
            assertThat(many.length()).isGreaterThan(200);
            assertThat(label(many)).isEqualTo(COMPLEX);
        }

        @Test
        void aQuestionMarkInsideAUrlIsNotAQuestion() {
            assertThat(reasons("what is http://x.io/a?b=1 and http://x.io/c?d=2")).noneSatisfy(r -> assertThat(r).endsWith("questions"));
        }

        @Test
        void aShortQuestionWithNothingSpecialIsSimpleAndSaysWhy() {
            assertThat(classifier.classify("is FastAPI free").reasons()).containsExactly("short, no code or keywords");
            assertThat(label("is FastAPI free")).isEqualTo(SIMPLE);
        }

        @Test
        void emptyQuestionsAreSimpleAndNullIsAProgrammingError() {
            assertThat(classifier.classify("  \n ")).isEqualTo(new Classification(SIMPLE, List.of("empty question")));
            assertThatThrownBy(() -> classifier.classify(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void aHugeQuestionIsClassifiedWithoutTrouble() {
            String huge = "why does this loop never end? ".repeat(3_000) + "\nwhile True:\n    pass\n".repeat(500);
            assertThat(label(huge)).isEqualTo(COMPLEX);
        }
    }

    @Nested
    class Settings {
        private static TutorgateConfig.Classifier settings(int complexMinChars, int mediumMinChars, List<String> simple,
                                                           List<String> medium, List<String> debug, List<String> design) {
            return new TutorgateConfig.Classifier(complexMinChars, mediumMinChars, 3, simple, medium, debug, design);
        }

        @Test
        void thresholdsComeFromTheSettings() {
            String question = "My page does not load after the update and the console shows nothing useful, what should I check?";
            assertThat(label(question)).isEqualTo(MEDIUM);
            var strict = new RuleBasedClassifier(settings(60, 30, List.of(), List.of(), List.of(), List.of()));
            assertThat(strict.classify(question).complexity()).isEqualTo(COMPLEX);
            assertThat(strict.classify(question).reasons()).contains("length " + question.length() + " > 60");
        }

        @Test
        void extraWordsWithAStarMatchAnyEndingAndPhrasesAnySpacing() {
            var custom = new RuleBasedClassifier(settings(200, 120, List.of("сколько стоит"), List.of("растолкуй*"),
                    List.of("глючит", "не  грузит*"), List.of("спланируй*")));
            assertThat(custom.classify("растолкуйте декораторы").complexity()).isEqualTo(MEDIUM);
            assertThat(custom.classify("растолкуйте декораторы").reasons()).contains("explain/compare words: растолкуйте");
            assertThat(custom.classify("спланируйте мне миграцию").complexity()).isEqualTo(COMPLEX);
            assertThat(custom.classify("сайт глючит:\nx = load()\nshow(x)").complexity()).isEqualTo(COMPLEX);
            assertThat(custom.classify("страница не грузится").reasons()).contains("debug words: не грузится");
            assertThat(custom.classify("Сколько стоит курс?").reasons()).contains("definition words: сколько стоит");
            assertThat(custom.classify("глючитель").reasons()).noneSatisfy(r -> assertThat(r).startsWith("debug"));
        }

        @Test
        void extraWordsAreLiteralNotRegularExpressions() {
            var custom = new RuleBasedClassifier(settings(200, 120, List.of(), List.of("c++"), List.of("a.b"), List.of()));
            assertThat(custom.classify("c++ vs java").reasons()).anySatisfy(r -> assertThat(r).contains("c++"));
            assertThat(custom.classify("axb fails").reasons()).noneSatisfy(r -> assertThat(r).contains("axb"));
        }

        @Test
        void impossibleThresholdsAreRefused() {
            assertThatThrownBy(() -> new RuleBasedClassifier(settings(100, 200, List.of(), List.of(), List.of(), List.of())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mediumMinChars");
        }

        @Test
        void missingWordListsAreEmpty() {
            var sparse = new RuleBasedClassifier(new TutorgateConfig.Classifier(200, 120, 3, null, null, null, null));
            assertThat(sparse.classify("Что такое FastAPI?").complexity()).isEqualTo(SIMPLE);
        }
    }

    @Property(tries = 300)
    void anyTextGetsALabelAndAtLeastOneReason(@ForAll String text) {
        Classification c = classifier.classify(text);
        assertThat(c.complexity()).isNotNull();
        assertThat(c.reasons()).isNotEmpty().allSatisfy(r -> assertThat(r).isNotBlank());
    }
}
