package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigDump;
import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseException;
import dev.tutorgate.course.CourseLoader;
import dev.tutorgate.course.JTokkitTokenCounter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tutorgate config show|check}: the effective configuration, secrets redacted. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show or check the effective configuration (defaults + file + environment).",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * What show and check share: the option, loading (a configuration that cannot be used ends the
     * command with exit code 3 and its problems, before anything is printed) and the output.
     */
    abstract static class Verb implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            LoadedConfig loaded = ConfigLoader.load(config);
            PrintWriter out = spec.commandLine().getOut();
            print(loaded, out);
            out.flush();
            return ExitCodes.OK;
        }

        abstract void print(LoadedConfig loaded, PrintWriter out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as YAML; API keys, tokens and passwords are shown as ***.")
    static final class Show extends Verb {
        @Override
        void print(LoadedConfig loaded, PrintWriter out) {
            out.println("# source: " + loaded.source());
            loaded.warnings().forEach(w -> out.println("# warning: " + w));
            out.print(ConfigDump.redactedYaml(loaded.config()));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the configuration and load its course, as serve would; exit code 0 if both"
                    + " are usable, 3 with the problems if not.")
    static final class Check extends Verb {
        @Override
        void print(LoadedConfig loaded, PrintWriter out) {
            Course course;
            try {
                course = new CourseLoader(JTokkitTokenCounter.o200k()).load(loaded.config().course());
            } catch (CourseException e) {
                throw new ConfigException("course.path: " + e.getMessage());
            }
            loaded.warnings().forEach(w -> out.println("warning: " + w));
            out.println("course OK: " + course.source() + " — " + course.lessons().size() + " lessons, "
                    + NumberFormat.getIntegerInstance(Locale.US).format(course.totalTokens()) + " tokens");
            out.println("configuration OK (" + loaded.source() + ")");
        }
    }
}
