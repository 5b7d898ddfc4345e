package dev.tutorgate.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {
    private final PassageSplitter splitter = new PassageSplitter(300, 80);

    private static Lesson lesson(String body) {
        return new Lesson(1, "01.md", "Lesson title", body, 0);
    }

    @Test
    void aHeadingStartsAPassageAndTheLessonTitleIsNotOne() {
        String body = "# Lesson title\n\n" + "Intro sentence that is long enough to stand alone as a passage of text. ".repeat(2)
                + "\n\n## First section\n\n" + "First text, long enough to stand on its own as a passage. ".repeat(2) + "\n\n"
                + "## Second section\n\nSecond text.\n";

        List<Passage> passages = splitter.split(List.of(lesson(body)));

        assertThat(passages).extracting(Passage::heading).containsExactly("", "First section", "Second section");
        assertThat(passages.get(0).text()).startsWith("Intro sentence").doesNotContain("# Lesson title");
        assertThat(passages.get(2).text()).isEqualTo("Second text.");
        assertThat(passages).extracting(Passage::id).containsExactly(0, 1, 2);
    }

    @Test
    void aShortSectionRunsOnIntoTheNextWithItsHeadingKept() {
        String body = "## Tiny\n\nOne line.\n\n### Details\n\nMore words here.\n";

        List<Passage> passages = splitter.split(List.of(lesson(body)));

        assertThat(passages).hasSize(1);
        assertThat(passages.getFirst().heading()).isEqualTo("Tiny");
        assertThat(passages.getFirst().text()).isEqualTo("One line.\n\n### Details\n\nMore words here.");
    }

    @Test
    void aLongSectionIsCutAtParagraphsAndACodeBlockIsNeverCut() {
        String paragraph = "Words that make up a paragraph of the section. ".repeat(4).strip();
        String code = "```python\n# a comment inside code\n\ndef f():\n    return 1\n```";
        String body = "## Long\n\n" + paragraph + "\n\n" + paragraph + "\n\n" + code + "\n\n" + paragraph + "\n\n" + paragraph + "\n";

        List<Passage> passages = splitter.split(List.of(lesson(body)));

        assertThat(passages).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.heading()).isEqualTo("Long"));
        assertThat(passages).anySatisfy(p -> assertThat(p.text()).contains(code));
        assertThat(passages).allSatisfy(p -> assertThat(p.text().split("```", -1).length % 2).as("fences balanced").isEqualTo(1));
        assertThat(passages).noneSatisfy(p -> assertThat(p.heading()).isEqualTo("a comment inside code"));
    }

    @Test
    void aCodeBlockLongerThanTwoPassagesBecomesSeveralCompleteBlocks() {
        StringBuilder code = new StringBuilder("```python\n");
        for (int i = 0; i < 60; i++) {
            code.append("value_").append(i).append(" = compute(").append(i).append(")\n");
        }
        code.append("```");

        List<Passage> passages = splitter.split(List.of(lesson("## Big code\n\n" + code)));

        assertThat(passages).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.text()).startsWith("```python\n").endsWith("\n```"));
        String rejoined = String.join("", passages.stream().map(p -> p.text().replace("```python\n", "").replace("```", "")).toList());
        assertThat(rejoined).contains("value_0 = compute(0)").contains("value_59 = compute(59)");
    }

    @Test
    void passagesOfSeveralLessonsAreNumberedAcrossTheCourse() {
        Lesson a = new Lesson(1, "01.md", "A", "## One\n\ntext a\n", 0);
        Lesson b = new Lesson(2, "02.md", "B", "## Two\n\ntext b\n", 0);

        List<Passage> passages = splitter.split(List.of(a, b));

        assertThat(passages).extracting(p -> p.lesson().title()).containsExactly("A", "B");
        assertThat(passages).extracting(Passage::id).containsExactly(0, 1);
    }

    @Test
    void aShortTailOfALongSectionJoinsTheWindowBeforeItInsteadOfTheNextSection() {
        String paragraph = "Words that make up a paragraph of the long section. ".repeat(6).strip();
        String body = "## Long\n\n" + paragraph + "\n\n" + paragraph + "\n\nShort tail.\n\n## Next\n\n" + paragraph + "\n";

        List<Passage> passages = splitter.split(List.of(lesson(body)));

        assertThat(passages).extracting(Passage::heading).containsExactly("Long", "Long", "Next");
        assertThat(passages.get(1).text()).endsWith("Short tail.");
        assertThat(passages.get(2).text()).isEqualTo(paragraph);
        assertThat(passages).extracting(Passage::id).containsExactly(0, 1, 2);
    }
}
