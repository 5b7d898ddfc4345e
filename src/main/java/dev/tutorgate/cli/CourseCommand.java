package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.course.CourseException;
import dev.tutorgate.course.CourseGenerator;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.CoursePrompt;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.course.Lesson;
import dev.tutorgate.course.LuceneOfflineAnswerer;
import dev.tutorgate.course.OfflineAnswer;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.tutor.ContextFit;
import dev.tutorgate.tutor.ContextRules;
import dev.tutorgate.tutor.ModelLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tutorgate course stats|generate|ask}: inspect a course folder, make a big one, try the offline answers. */
@Command(name = "course", mixinStandardHelpOptions = true,
        description = "Inspect a course: a folder of Markdown lessons (*.md), each optionally starting with front matter "
                + "(---, title: …, order: …, ---). Without front matter the title is the first '# heading' and the "
                + "order the number the file name starts with (03-http.md is lesson 3). No folder = the bundled sample "
                + "course.",
        subcommands = {CourseCommand.Stats.class, CourseCommand.Generate.class, CourseCommand.Ask.class})
public final class CourseCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print the lessons with their tokens, the total, the prompt prefix (tutor instructions + whole "
                    + "course), and for every configured model whether it can hold the course whole, with room for the "
                    + "history (course.historyReserveTokens) and the answer (course.maxOutputTokens): the same rule serve "
                    + "applies at start-up. Tokens are o200k_base estimates.")
    static final class Stats implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
                description = "Course folder (default: course.path of the configuration, else the bundled sample course)")
        Path folder;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (for course settings and models)")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LoadedConfig loaded = ConfigLoader.load(config);
            TutorgateConfig.Course settings = loaded.config().course();
            Course course = loadCourse(folder, settings);
            CoursePrompt prompt = CoursePrompt.build(course, settings.systemPrompt(), JTokkitTokenCounter.o200k());
            ContextRules rules = ContextRules.forCourse(settings);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Course: " + course.source());
            out.printf(Locale.ROOT, "%4s  %9s  %s%n", "#", "tokens", "lesson");
            for (Lesson lesson : course.lessons()) {
                out.printf(Locale.ROOT, "%4d  %,9d  %s  (%s)%n", lesson.number(), lesson.tokens(), lesson.title(), lesson.fileName());
            }
            out.printf(Locale.ROOT, "Total: %d lessons, %,d tokens%n", course.lessons().size(), course.totalTokens());
            out.printf(Locale.ROOT, "Prompt prefix (tutor instructions + whole course): %,d tokens%n", prompt.tokens());
            out.printf(Locale.ROOT, "Each model request also needs room for the history and question (course.historyReserveTokens: %,d)"
                    + " and the answer (course.maxOutputTokens: %,d); the prompt's estimate is raised by %d%%, as serve does,"
                    + " since a provider may count more tokens than we do.%n", settings.historyReserveTokens(),
                    settings.maxOutputTokens(), Math.round(rules.estimateMargin() * 100));
            out.println();
            out.println("Models (" + loaded.source() + "):");
            if (loaded.config().models().isEmpty()) {
                out.println("  no models configured: every answer comes from the offline course search");
            }
            for (TutorgateConfig.Model model : loaded.config().models()) {
                out.println("  " + ContextFit.of(ModelLimits.of(model), prompt.tokens(), settings.maxOutputTokens(), rules)
                        .describe());
            }
            out.println("  offline: course search, needs no context window");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a course of at least N tokens into an empty folder, for benchmarks and tests: the base course "
                    + "(the bundled sample, or --from DIR) followed by practice lessons that revisit each base lesson with "
                    + "its sections reshuffled and some words varied. Deterministic: the same input gives the same files.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--tokens", required = true, paramLabel = "N", description = "Total tokens to reach (the brief's course: 350000)")
        long tokens;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if missing; must hold no lessons)")
        Path out;

        @Option(names = "--from", paramLabel = "DIR", description = "Base course folder (default: the bundled sample course)")
        Path from;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (tokens < 1) {
                throw new UserError("--tokens must be at least 1");
            }
            Course base = loadCourse(from, null);
            CourseGenerator.Result result = guarded(() ->
                    new CourseGenerator(JTokkitTokenCounter.o200k()).generate(base, tokens, out));
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %d lessons, %,d tokens, to %s%n",
                    result.lessons(), result.tokens(), result.folder());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "ask", mixinStandardHelpOptions = true,
            description = "Answer a question with the offline course search (the model \"offline\": no LLM, no cost) and show "
                    + "the passages it quoted with their BM25 score and coverage: a way to check how a course answers.")
    static final class Ask implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "QUESTION", description = "The question, in English or Russian")
        String question;

        @Option(names = "--course", paramLabel = "DIR", description = "Course folder (default: course.path, else the bundled sample)")
        Path folder;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (course.offline settings)")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TutorgateConfig.Course settings = ConfigLoader.load(config).config().course();
            Course course = loadCourse(folder, settings);
            CourseContext context = CourseContext.of(course, settings, JTokkitTokenCounter.o200k());
            PrintWriter out = spec.commandLine().getOut();
            OfflineAnswer answer = context.offline().answer(question, TextSink.DISCARD);
            out.println(answer.text());
            out.println("---");
            out.println("retrieval hit: " + (answer.retrievalHit() ? "yes" : "no"));
            for (LuceneOfflineAnswerer.ScoredPassage p : context.offline().search(question)) {
                out.printf(Locale.ROOT, "  score %.2f  coverage %.2f  %s › %s%n", p.score(), p.coverage(),
                        p.passage().lesson().title(), p.passage().heading().isEmpty() ? "(introduction)" : p.passage().heading());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** The folder if given, else the configured course (null settings = the bundled one). */
    private static Course loadCourse(Path folder, TutorgateConfig.Course settings) {
        CourseLoader loader = new CourseLoader(JTokkitTokenCounter.o200k());
        if (folder != null) {
            return guarded(() -> loader.load(folder));
        }
        return guarded(() -> settings == null ? loader.loadBundled() : loader.load(settings));
    }

    /** A course problem is the user's to fix: one line, exit code 2, no stack trace. */
    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (CourseException e) {
            throw new UserError(e.getMessage());
        }
    }
}
