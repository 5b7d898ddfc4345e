package dev.tutorgate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Cost and quality summary from the ledger.")
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tutorgate report: not built yet");
        return ExitCodes.FAILED;
    }
}
