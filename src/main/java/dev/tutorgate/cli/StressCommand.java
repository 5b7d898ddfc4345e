package dev.tutorgate.cli;

import dev.tutorgate.stress.LimitRule;
import dev.tutorgate.stress.ProgressDisplay;
import dev.tutorgate.stress.QuestionMix;
import dev.tutorgate.stress.ReportJson;
import dev.tutorgate.stress.ReportText;
import dev.tutorgate.stress.StressPlan;
import dev.tutorgate.stress.StressReport;
import dev.tutorgate.stress.StressSetupException;
import dev.tutorgate.stress.StressTest;
import dev.tutorgate.stress.TerminalProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tutorgate stress}: the brief's check — 100 requests in a row against a running server —
 * with the answers, refusals, timings and cost it produced, and whether the rate limits held.
 */
@Command(name = "stress", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The brief's stress test against a running server: creates students through the admin API, "
                + "sends the requests spread across them, and prints answers, 429s, 503s and other errors, time to "
                + "first token and latency percentiles, throughput, cost, and whether the per-student rate limit held.",
                "Exit code 0: the limits held; 1: they did not; 2: bad usage (URL, token, options)."})
public final class StressCommand implements Callable<Integer> {
    private static final int DEFAULT_MAX_CONCURRENCY = 100;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, e.g. http://127.0.0.1:8080/")
    String url;

    @Option(names = "--admin-token", paramLabel = "T", defaultValue = "${env:TUTORGATE_ADMIN_TOKEN}",
            description = "The admin token (default: the TUTORGATE_ADMIN_TOKEN environment variable).")
    String adminToken;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "100", description = "Requests to send (default 100).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Requests in flight at once (default: all of them, at most 100 — the brief's burst).")
    Integer concurrency;

    @Option(names = "--students", paramLabel = "N", defaultValue = "1",
            description = "Students to create and spread the requests across (default 1).")
    int students;

    @Option(names = "--questions", paramLabel = "FILE",
            description = "Questions to ask, one per line (UTF-8; # comments; 'simple|medium|complex<TAB>question' keeps "
                    + "a label). Default: built-in course questions, English and Russian, 60/30/10 simple/medium/complex.")
    Path questions;

    @Option(names = "--stream", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask for streamed answers (SSE; measures time to first token). --no-stream: one JSON reply.")
    boolean stream;

    @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "60",
            description = "Give up on a request after this long, streaming included (default 60).")
    int timeoutSeconds;

    @Option(names = "--limit-per-minute", paramLabel = "N",
            description = "The server's per-student limit to check (default: from the server if it says, else 10).")
    Integer limitPerMinute;

    @Option(names = "--limit-rule", paramLabel = "RULE", defaultValue = "token-bucket",
            description = "token-bucket (tutorgate's limiter: N at once, then one every 60/N s; the default) or "
                    + "rolling-minute (at most N answers within any 60 s).")
    String limitRule;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @Option(names = "--json", description = "Print one JSON object instead of the tables.")
    boolean json;

    @Override
    public Integer call() {
        StressPlan plan = plan();
        if (adminToken == null || adminToken.isBlank()) {
            throw new UserError("--admin-token is required (or set TUTORGATE_ADMIN_TOKEN): the token `tutorgate serve` printed at start");
        }
        ProgressDisplay display = showProgress() ? new TerminalProgress(System.err) : ProgressDisplay.NONE;
        StressReport report;
        try {
            report = StressTest.run(plan, adminToken.strip(), display);
        } catch (StressSetupException e) {
            throw new UserError(e.getMessage());
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (json) {
            out.println(ReportJson.render(report));
        } else {
            out.print(ReportText.render(report));
        }
        out.flush();
        return report.limits().held() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private StressPlan plan() {
        try {
            int inFlight = concurrency != null ? concurrency : Math.max(1, Math.min(requests, DEFAULT_MAX_CONCURRENCY));
            return new StressPlan(StressPlan.baseUrl(url), requests, inFlight, students,
                    questions == null ? QuestionMix.builtIn() : QuestionMix.fromFile(questions), stream,
                    Duration.ofSeconds(timeoutSeconds),
                    limitPerMinute == null ? OptionalInt.empty() : OptionalInt.of(limitPerMinute),
                    LimitRule.fromLabel(limitRule));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private boolean showProgress() {
        return progress != null ? progress : stderrIsTerminal();
    }

    /** Java cannot ask isatty(2); on Linux the descriptor's link names the terminal device. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
