package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "emulate", mixinStandardHelpOptions = true, description = "Run the provider emulator (Gemini, OpenAI, Anthropic wire protocols).")
public final class EmulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate emulate: not built yet");
        return ExitCodes.FAILED;
    }
}
