package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tutorgate <verb>}: the one entry point of the jar. */
@Command(name = "tutorgate",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A self-hosted AI tutor gateway: answers students from the whole course, keeps the bill predictable.",
        subcommands = {
                ServeCommand.class,
                EmulateCommand.class,
                StressCommand.class,
                ClassifyCommand.class,
                ReportCommand.class,
                StudentsCommand.class,
                CourseCommand.class,
                ConfigCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a verb and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException config) {
                cmd.getErr().println(config.getMessage());
                return ExitCodes.CONFIG;
            }
            if (e instanceof UserError user) {
                cmd.getErr().println("error: " + user.getMessage());
                return ExitCodes.USAGE;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
