package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "Label questions from stdin simple, medium or complex.")
public final class ClassifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate classify: not built yet");
        return ExitCodes.FAILED;
    }
}
