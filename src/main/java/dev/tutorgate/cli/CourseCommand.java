package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "course", mixinStandardHelpOptions = true, description = "Inspect a course folder.")
public final class CourseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate course: not built yet");
        return ExitCodes.FAILED;
    }
}
