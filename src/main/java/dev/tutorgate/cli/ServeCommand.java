package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the tutor server.")
public final class ServeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate serve: not built yet");
        return ExitCodes.FAILED;
    }
}
