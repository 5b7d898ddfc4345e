package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.cli.ExitCodes;
import dev.tutorgate.cli.Main;
import dev.tutorgate.testing.StdStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tutorgate report} on a real ledger file: the text table, the JSON, and bad input. */
class ReportCommandTest {
    @RegisterExtension
    final StdStreams io = new StdStreams();

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void ledger() throws Exception {
        try (MonitoringDb m = new MonitoringDb(dir)) {
            m.student("s1", "Anna");
            Instant t = Instant.parse("2026-11-20T07:10:00Z");
            m.record(row("r1", t).student("s1").on("gemini-2.5-flash", "simple").tokens(10_000, 2_000, 500)
                    .cost("0.25", "0.30").times(2_600L, 6_000L).retrieval(true).entry());
            m.record(row("r2", t.plusSeconds(5)).student("s1").refused("rate_limited", null).entry());
        }
        config = dir.resolve("tutorgate.yaml");
        Files.writeString(config, MonitoringDb.CONFIG + "storage: { ledger: \"jdbc:sqlite:" + dir.resolve("tutorgate.db")
                + "\", requestLog: null }\nmonitoring: { minSampleForSignals: 1 }\n");
    }

    @Test
    void aTextReportWithColoursAsWords() {
        assertThat(Main.run("report", "--config", config.toString(), "--from", "2026-11-20", "--to", "2026-11-20"))
                .isEqualTo(ExitCodes.OK);
        String text = io.out();
        assertThat(text).startsWith("tutorgate report — 2026-11-19T21:00:00Z – 2026-11-20T21:00:00Z: 2026-11-20 00:00 – 2026-11-21 00:00 Europe/Moscow");
        assertThat(text).containsPattern("Cost per query +\\$0\\.25 +! warn +target ≤ \\$0\\.10");
        assertThat(text).containsPattern("Error rate +0% +✓ ok");
        assertThat(text).containsPattern("Prompt-cache hit rate +20% +✗ BAD");
        assertThat(text).containsPattern("TTFT p95 +2600 ms +! warn");
        assertThat(text).containsPattern("Latency p95 +6000 ms +✗ BAD");
        assertThat(text).contains("2 requests: 1 answered (1 by a model, 0 offline), 0 failed, 0 cancelled, 1 refused");
        assertThat(text).contains("refused by reason: rate_limited 1");
        assertThat(text).contains("Anna (s1)");
        assertThat(text).contains("! WARNING   Students wait 2,600 ms for the first word");
        assertThat(text).contains("→ < 50");
    }

    @Test
    void jsonIsTheApiShape() throws Exception {
        assertThat(Main.run("report", "--config", config.toString(), "--from", "2026-11-20", "--to", "2026-11-20", "--json"))
                .isEqualTo(ExitCodes.OK);
        JsonNode json = SummaryJson.mapper().readTree(io.out());
        assertThat(json.at("/spend/total/usd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(json.at("/requests/total").asLong()).isEqualTo(2);
        assertThat(json.at("/range/timeZone").asText()).isEqualTo("Europe/Moscow");
        assertThat(json.at("/scaling/advice/0/topic").asText()).isEqualTo("latency");
        assertThat(json.at("/scaling/advice/0/numbers/0/value").asLong()).isEqualTo(2600);
        assertThat(json.at("/scaling/row/students").asText()).isEqualTo("< 50");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        assertThat(Main.run("report", "--config", config.toString(), "--from", "someday")).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err().strip())
                .isEqualTo("error: from 'someday' is neither a date (2026-11-28) nor an instant (2026-11-28T10:00:00Z)");
        Path missing = dir.resolve("other.yaml");
        Files.writeString(missing, "storage: { ledger: \"jdbc:sqlite:" + dir.resolve("nowhere/none.db") + "\" }\n");
        assertThat(Main.run("report", "--config", missing.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(io.err()).contains("no ledger at").contains("none.db");
        assertThat(Files.exists(dir.resolve("nowhere/none.db"))).isFalse();
    }

    @Test
    void helpDescribesTheOptions() {
        assertThat(Main.run("report", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(io.out()).contains("--from=DATE", "--to=DATE", "--period=P", "--json", "--config=FILE");
        assertThat(ZoneId.of("Europe/Moscow").getRules().getOffset(Instant.EPOCH)).isNotEqualTo(ZoneOffset.UTC);
    }
}
