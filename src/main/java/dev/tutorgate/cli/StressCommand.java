package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "stress", mixinStandardHelpOptions = true, description = "The brief's stress test against a running server.")
public final class StressCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate stress: not built yet");
        return ExitCodes.FAILED;
    }
}
