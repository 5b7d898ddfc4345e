package dev.tutorgate.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RussianEnglishTermsTest {
    private final CourseAnalyzers analyzers = CourseAnalyzers.create();

    @Test
    void theBundledDictionaryLoadsAndMatchesEveryFormOfAWord() {
        RussianEnglishTerms terms = RussianEnglishTerms.bundled(analyzers);

        assertThat(terms.size()).isGreaterThan(100);
        for (String form : new String[] {"окружение", "окружения", "окружении"}) {
            String stem = Analysis.terms(analyzers.russian(), form).getFirst();
            assertThat(terms.translate(stem)).as(form).contains(Analysis.terms(analyzers.english(), "environment").getFirst());
        }
        assertThat(terms.translate("несуществующееслово")).isEmpty();
    }

    @Test
    void aWordOnSeveralLinesGetsAllItsTranslations() throws Exception {
        RussianEnglishTerms terms = RussianEnglishTerms.read(new BufferedReader(new StringReader(
                "# comment\n\nключ\tkey\nключи\tsecret\n")), analyzers);
        String stem = Analysis.terms(analyzers.russian(), "ключ").getFirst();
        assertThat(terms.translate(stem)).containsExactly("kei", "secret");
    }

    @Test
    void aLineWithoutATabIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> RussianEnglishTerms.read(new BufferedReader(new StringReader("окружение\tenvironment\nпеременная variable\n")), analyzers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void aStopWordOrSeveralWordsOnTheRussianSideAreRefused() {
        assertThatThrownBy(() -> RussianEnglishTerms.read(new BufferedReader(new StringReader("что\twhat\n")), analyzers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one Russian word");
        assertThatThrownBy(() -> RussianEnglishTerms.read(new BufferedReader(new StringReader("цикл событий\tevent loop\n")), analyzers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one Russian word");
    }
}
