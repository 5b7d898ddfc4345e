package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "students", mixinStandardHelpOptions = true, description = "Issue and list student access tokens.")
public final class StudentsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate students: not built yet");
        return ExitCodes.FAILED;
    }
}
