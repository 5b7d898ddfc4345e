package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.monitoring.Range;
import dev.tutorgate.monitoring.Summary;
import dev.tutorgate.monitoring.SummaryJson;
import dev.tutorgate.monitoring.SummaryService;
import dev.tutorgate.monitoring.SummaryText;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.scaling.ThrottleTierMonitor;
import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutorgate report}: the dashboard's summary on the command line, read from the ledger of the
 * configured database (safe while the server runs: it only reads). Text for people, or the same JSON
 * as {@code GET /api/admin/summary}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Cost and quality summary from the ledger: figures with their thresholds, spend by model, "
                + "complexity and student, the scaling signals and the advice they lead to.",
        footer = {"", "Dates are days in budget.timeZone; instants (2026-11-28T10:00:00Z) are taken as they are.",
                "Without --from/--to/--period: today."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "DATE", description = "first day (or instant) of the range")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "last day of the range, included (or an instant, excluded)")
    String to;

    @Option(names = "--period", paramLabel = "P", description = "today, yesterday, week, month, 7d or 30d instead of --from/--to")
    String period;

    @Option(names = "--json", description = "print the summary as JSON (the same as GET /api/admin/summary)")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: the embedded defaults)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TutorgateConfig c = ConfigLoader.load(config).config();
        requireExistingLedger(c.storage().ledger());
        Summary summary;
        try (Database db = openDatabase(c)) {
            SummaryService service = new SummaryService(db, c, new CostCalculator(PriceTable.from(c)), Clock.systemUTC());
            // no server here: the tiers and capacity come from the configuration, with no live use
            service.watchTiers(ThrottleTierMonitor.withoutTraffic(c, TierCatalog.bundled(), Clock.systemUTC()));
            Range range;
            try {
                range = Range.parse(period, from, to, service.zone(), service.clock());
            } catch (Range.InvalidRangeException e) {
                throw new UserError(e.getMessage());
            }
            summary = service.summary(range);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? SummaryJson.writePretty(summary) + System.lineSeparator() : SummaryText.render(summary));
        out.flush();
        return ExitCodes.OK;
    }

    private static Database openDatabase(TutorgateConfig c) {
        try {
            return Database.open(c.storage().ledger());
        } catch (StorageException e) {
            throw new ConfigException("storage.ledger: " + e.getMessage());
        }
    }

    /** A report on a file that does not exist yet would create an empty database: say so instead. */
    private static void requireExistingLedger(String url) {
        String prefix = "jdbc:sqlite:";
        if (url != null && url.startsWith(prefix)) {
            String file = url.substring(prefix.length()).replaceFirst("\\?.*$", "").replaceFirst("^file:", "");
            if (!file.isBlank() && !Files.exists(Path.of(file))) {
                throw new UserError("no ledger at " + Path.of(file).toAbsolutePath().normalize()
                        + " (storage.ledger): start the server once, or give --config with the server's configuration");
            }
        }
    }
}
