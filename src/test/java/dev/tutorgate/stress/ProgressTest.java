package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void theBarFillsWithTheFinishedRequests() {
        assertThat(ProgressBar.line(new LiveCounts.Snapshot(100, 50, 10, 35, 3, 2, 3_200_000_000L)))
                .isEqualTo("[############------------]   50/100  answered 10  429 35  503 3  errors 2  3.20 s");
        assertThat(ProgressBar.line(new LiveCounts.Snapshot(7, 7, 7, 0, 0, 0, 0))).startsWith("[" + "#".repeat(24) + "]  7/7");
        assertThat(ProgressBar.line(new LiveCounts.Snapshot(3, 0, 0, 0, 0, 0, 0))).startsWith("[" + "-".repeat(24) + "]  0/3");
    }

    @Test
    void liveCountsSortOutcomesAndTheRestAreErrors() {
        LiveCounts live = new LiveCounts(4);
        live.record(outcome(true, 200));
        live.record(outcome(false, 429));
        live.record(outcome(false, 503));
        live.record(outcome(false, 0));

        LiveCounts.Snapshot s = live.snapshot();

        assertThat(s.finished()).isEqualTo(4);
        assertThat(s.answered()).isEqualTo(1);
        assertThat(s.tooMany()).isEqualTo(1);
        assertThat(s.unavailable()).isEqualTo(1);
        assertThat(s.errors()).isEqualTo(1);
    }

    @Test
    void theTerminalLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        LiveCounts live = new LiveCounts(2);

        progress.setup("creating 1 student...");
        progress.start(live);
        live.record(outcome(true, 200));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> bytes.toString(StandardCharsets.UTF_8).contains("1/2  answered 1"));
        progress.stop();
        progress.stop();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n").startsWith("\rcreating 1 student...").endsWith("\r");
        String last = text.substring(text.lastIndexOf('\r', text.length() - 2) + 1, text.length() - 1);
        assertThat(last).isBlank(); // the last drawing is spaces over the bar
        int afterStop = bytes.size();
        // nothing is drawn after stop(), for longer than a few redraw periods
        Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> bytes.size() == afterStop);
    }

    private static Outcome outcome(boolean answered, int status) {
        return new Outcome(0, 0, null, answered, status, answered ? null : "x", 0, 0, Outcome.NONE, 1, null, null, 0,
                answered, null, null);
    }
}
