package dev.tutorgate.course;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TokenCounter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads a course folder: every {@code *.md} / {@code *.markdown} file directly inside it is a
 * lesson (sub-folders and hidden files are ignored). Lessons are ordered by front matter
 * {@code order}, else by a numeric file-name prefix ("03-http.md" is 3); lessons with neither come
 * last, by file name. Titles come from front matter, else the first "# heading", else the file name.
 */
public final class CourseLoader {
    /** How the bundled sample course names itself in messages. */
    public static final String BUNDLED_SOURCE = "bundled sample course (Python web development for beginners)";

    private static final Pattern NUMERIC_PREFIX = Pattern.compile("^(\\d{1,9})(?=\\D|$)");
    private static final Pattern HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");

    private final TokenCounter tokens;

    public CourseLoader(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /** The folder of {@code settings.path()}, or the bundled sample course when it is null. */
    public Course load(TutorgateConfig.Course settings) {
        String path = settings.path();
        return path == null || path.isBlank() ? loadBundled() : load(Path.of(path));
    }

    /** The sample course shipped inside the jar. */
    public Course loadBundled() {
        return BundledCourse.withFolder(folder -> read(folder, BUNDLED_SOURCE));
    }

    public Course load(Path folder) {
        return read(folder, folder.toString());
    }

    private Course read(Path folder, String source) {
        if (!Files.exists(folder)) {
            throw new CourseException("course folder " + folder + ": not found");
        }
        if (!Files.isDirectory(folder)) {
            throw new CourseException("course folder " + folder + ": is a file, not a folder of Markdown lessons");
        }
        List<Path> files = lessonFiles(folder);
        if (files.isEmpty()) {
            throw new CourseException("course folder " + folder
                    + ": has no lessons (expected Markdown files such as 01-introduction.md)");
        }
        // Parsing and counting are independent per lesson; counting dominates a 350K-token load.
        List<Parsed> parsed = files.parallelStream().map(this::parse).sorted(TEACHING_ORDER).toList();
        requireUniqueTitles(parsed, folder);
        List<Lesson> lessons = IntStream.range(0, parsed.size())
                .mapToObj(i -> parsed.get(i).toLesson(i + 1))
                .toList();
        return new Course(source, lessons);
    }

    private static List<Path> lessonFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(CourseLoader::isLessonFile).sorted().toList();
        } catch (IOException e) {
            throw new CourseException("course folder " + folder + ": cannot list its files (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isLessonFile(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        // Anything named like a lesson that is not a folder counts, so that a broken link or an
        // unreadable file is reported rather than silently left out of the course.
        return !name.startsWith(".")
                && (lower.endsWith(".md") || lower.endsWith(".markdown"))
                && !Files.isDirectory(file);
    }

    private Parsed parse(Path file) {
        String fileName = file.getFileName().toString();
        String text = normalise(readUtf8(file));
        FrontMatter front = FrontMatter.parse(text, fileName);
        String body = front.body().strip();
        if (body.isEmpty()) {
            throw new CourseException("lesson " + file + ": is empty (nothing after the front matter)");
        }
        String title = front.title() != null ? front.title() : headingOrFileName(body, fileName);
        OptionalInt order = front.order().isPresent() ? front.order() : numericPrefix(fileName);
        return new Parsed(fileName, title, order, body, tokens.count(body));
    }

    private static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CourseException("lesson " + file + ": disappeared while the course was loading", e);
        } catch (IOException e) {
            throw new CourseException("lesson " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CourseException("lesson " + file + ": is not UTF-8 text (save it as UTF-8)", e);
        }
    }

    /** One spelling of the same text on every OS, so the prompt prefix is the same bytes everywhere. */
    static String normalise(String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return withoutBom.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String headingOrFileName(String body, String fileName) {
        boolean inCode = false;
        for (String line : body.split("\n")) {
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode) {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    return heading.group(1);
                }
            }
        }
        return titleFromFileName(fileName);
    }

    /** "05-fastapi_first-app.md" → "Fastapi first app". */
    static String titleFromFileName(String fileName) {
        String stem = fileName.replaceFirst("\\.[^.]+$", "")
                .replaceFirst("^\\d+[-_. ]*", "")
                .replaceAll("[-_]+", " ")
                .strip();
        if (stem.isEmpty()) {
            stem = fileName;
        }
        return Character.toUpperCase(stem.charAt(0)) + stem.substring(1);
    }

    private static OptionalInt numericPrefix(String fileName) {
        Matcher m = NUMERIC_PREFIX.matcher(fileName);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private static void requireUniqueTitles(List<Parsed> lessons, Path folder) {
        Map<String, String> seen = new HashMap<>();
        for (Parsed lesson : lessons) {
            String key = CitationDetector.normalise(lesson.title);
            String earlier = seen.putIfAbsent(key, lesson.fileName);
            if (earlier != null) {
                throw new CourseException("course folder " + folder + ": lessons " + earlier + " and "
                        + lesson.fileName + " have the same title '" + lesson.title
                        + "' (titles must differ so that answers can cite a lesson by its title)");
            }
        }
    }

    /** Ordered lessons first (by order, then file name), then unordered ones by file name. */
    private static final Comparator<Parsed> TEACHING_ORDER = Comparator
            .comparing((Parsed p) -> p.order.isEmpty())
            .thenComparingInt(p -> p.order.orElse(0))
            .thenComparing(p -> p.fileName);

    private record Parsed(String fileName, String title, OptionalInt order, String body, int tokens) {
        Lesson toLesson(int number) {
            return new Lesson(number, fileName, title, body, tokens);
        }
    }
}
