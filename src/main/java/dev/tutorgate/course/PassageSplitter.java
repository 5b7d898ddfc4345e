package dev.tutorgate.course;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts lessons into {@link Passage}s: a heading starts a new passage, and a long section is cut at
 * paragraph boundaries into windows of about {@code targetChars}. Small enough that BM25 points at
 * the paragraph that answers, large enough that the quote makes sense on its own.
 */
final class PassageSplitter {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    private final int targetChars;
    private final int minChars;

    /**
     * @param targetChars a window is closed once it reaches about this size
     * @param minChars    a section shorter than this runs on into the next one instead of standing alone
     */
    PassageSplitter(int targetChars, int minChars) {
        this.targetChars = targetChars;
        this.minChars = minChars;
    }

    List<Passage> split(List<Lesson> lessons) {
        List<Passage> out = new ArrayList<>();
        for (Lesson lesson : lessons) {
            new LessonCutter(lesson, out).cut();
        }
        return List.copyOf(out);
    }

    /** The state of cutting one lesson: the passage being filled and its heading. */
    private final class LessonCutter {
        private final Lesson lesson;
        private final List<Passage> out;
        private final StringBuilder current = new StringBuilder();
        private String heading = "";
        private boolean sawContent;
        /** Whether {@code current} starts at its section's beginning (false: it continues a window). */
        private boolean sectionStart = true;
        private int firstOfLesson = -1;

        LessonCutter(Lesson lesson, List<Passage> out) {
            this.lesson = lesson;
            this.out = out;
        }

        void cut() {
            firstOfLesson = out.size();
            for (String block : blocks(lesson.body())) {
                Matcher h = HEADING.matcher(block);
                if (!block.contains("\n") && h.matches()) {
                    startSection(h.group(1).length(), h.group(2));
                } else if (block.length() > targetChars * 2 && block.startsWith("```")) {
                    for (String piece : splitCodeBlock(block)) {
                        add(piece);
                    }
                } else {
                    add(block);
                }
            }
            endSection();
        }

        private void startSection(int level, String title) {
            if (level == 1 && !sawContent) {
                return; // the lesson's own title: already known as lesson.title()
            }
            sawContent = true;
            if (!current.isEmpty() && current.length() < minChars && sectionStart) {
                // A heading right after a line or two: keep them together, the heading stays in the text.
                current.append("#".repeat(level)).append(' ').append(title).append("\n\n");
                return;
            }
            endSection();
            heading = title;
            sectionStart = true;
        }

        private void add(String block) {
            sawContent = true;
            if (!current.isEmpty() && current.length() + block.length() > targetChars * 3 / 2) {
                flush();
            }
            current.append(block).append("\n\n");
            if (current.length() >= targetChars) {
                flush();
            }
        }

        /** Closes the section: a short tail of a long section joins the window before it. */
        private void endSection() {
            String tail = current.toString().strip();
            boolean shortTail = !sectionStart && !tail.isEmpty() && tail.length() < minChars && out.size() > firstOfLesson;
            if (shortTail) {
                Passage previous = out.removeLast();
                out.add(new Passage(previous.id(), lesson, previous.heading(), previous.text() + "\n\n" + tail));
                current.setLength(0);
            } else {
                flush();
            }
        }

        private void flush() {
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                out.add(new Passage(out.size(), lesson, heading, text));
                sectionStart = false;
            }
        }
    }

    /** Paragraphs separated by blank lines; a fenced code block is one block, blank lines and all. */
    static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        boolean inCode = false;
        for (String line : markdown.split("\n", -1)) {
            boolean fence = line.stripLeading().startsWith("```");
            if (!inCode && HEADING.matcher(line).matches()) {
                addBlock(blocks, block);
                blocks.add(line.strip());
                continue;
            }
            if (!inCode && line.isBlank()) {
                addBlock(blocks, block);
                continue;
            }
            if (fence && !inCode) {
                addBlock(blocks, block);
            }
            block.append(line).append('\n');
            if (fence) {
                inCode = !inCode;
                if (!inCode) {
                    addBlock(blocks, block);
                }
            }
        }
        addBlock(blocks, block);
        return blocks;
    }

    private static void addBlock(List<String> blocks, StringBuilder block) {
        String text = block.toString().strip();
        if (!text.isEmpty()) {
            blocks.add(text);
        }
        block.setLength(0);
    }

    /** A code block too long for one passage, as several complete fenced blocks cut at line ends. */
    private List<String> splitCodeBlock(String block) {
        String[] lines = block.split("\n");
        String open = lines[0];
        boolean closed = lines.length > 1 && lines[lines.length - 1].strip().startsWith("```");
        int last = closed ? lines.length - 1 : lines.length;
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 1; i < last; i++) {
            piece.append(lines[i]).append('\n');
            if (piece.length() >= targetChars || i == last - 1) {
                pieces.add(open + "\n" + piece + "```");
                piece.setLength(0);
            }
        }
        return pieces.isEmpty() ? List.of(block) : pieces;
    }
}
