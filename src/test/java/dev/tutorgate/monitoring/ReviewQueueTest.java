package dev.tutorgate.monitoring;

import static dev.tutorgate.monitoring.MonitoringDb.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue on a ledger large enough for random probes (over 20,000 rows in the range). */
class ReviewQueueTest {
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final int ROWS = 25_000;

    @TempDir
    Path dir;
    private MonitoringDb m;
    private ReviewQueue queue;

    @BeforeEach
    void fill() {
        m = new MonitoringDb(dir);
        m.db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger (request_id, attempt, is_final, started_at, "
                    + "model, outcome) VALUES (?, 1, 1, ?, 'gpt-4.1-mini', ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    s.setString(1, "q" + i);
                    s.setLong(2, DAY.toEpochMilli() + i * 3_000L); // 25,000 rows over 20.8 hours
                    s.setString(3, i % 10 == 0 ? "error" : "ok");
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
        m.record(row("refused", DAY.plusSeconds(5)).refused("rate_limited", null).entry());
        RequestLogQueries log = new RequestLogQueries(m.db);
        queue = new ReviewQueue(m.db, log, new Random(3));
        for (int i = 1; i <= 5; i++) {
            queue.review("q" + i, ReviewQueue.Verdict.CORRECT, null, DAY);
        }
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static Range range(Instant from, Instant to) {
        return new Range(from, to, ZoneOffset.UTC, null);
    }

    @Test
    void aLargeRangeIsSampledByProbesWithoutRepeatsOrReviewedAnswers() {
        Range whole = range(DAY, DAY.plusSeconds(86_400));
        List<RequestDetail> sample = queue.sample(20, whole);
        assertThat(sample).hasSize(20);
        Set<String> ids = new HashSet<>();
        for (RequestDetail d : sample) {
            String id = d.summary().requestId();
            assertThat(ids.add(id)).as("no repeats").isTrue();
            int n = Integer.parseInt(id.substring(1));
            assertThat(n % 10).as("answered, not failed").isNotZero();
            assertThat(n).as("not reviewed").isGreaterThan(5);
        }
        List<RequestDetail> again = queue.sample(20, whole);
        assertThat(again).extracting(d -> d.summary().requestId()).isNotEqualTo(sample.stream().map(d -> d.summary().requestId()).toList());
    }

    @Test
    void aSmallRangeIsSampledExactlyAndStaysInside() {
        // rows q100..q109 start in [300 s, 330 s): q100 failed, so 9 answered, none reviewed
        Range tiny = range(DAY.plusSeconds(300), DAY.plusSeconds(330));
        List<RequestDetail> sample = queue.sample(50, tiny);
        assertThat(sample).extracting(d -> d.summary().requestId())
                .containsExactlyInAnyOrder("q101", "q102", "q103", "q104", "q105", "q106", "q107", "q108", "q109");
        assertThat(queue.sample(5, range(DAY.minusSeconds(3_600), DAY))).isEmpty();
        assertThatThrownBy(() -> queue.sample(0, tiny)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.sample(51, tiny)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verdictsOnlyForAnsweredRequestsAndTheLatestWins() {
        assertThat(queue.review("q7", ReviewQueue.Verdict.INCORRECT, "wrong lesson", DAY.plusSeconds(1))).isPresent();
        assertThat(queue.review("q7", ReviewQueue.Verdict.CORRECT, null, DAY.plusSeconds(2)))
                .contains(new RequestDetail.Review("correct", null, DAY.plusSeconds(2)));
        assertThat(new RequestLogQueries(m.db).detail("q7").orElseThrow().review().verdict()).isEqualTo("correct");
        assertThat(queue.review("q10", ReviewQueue.Verdict.CORRECT, null, DAY)).as("a failed request").isEmpty();
        assertThat(queue.review("refused", ReviewQueue.Verdict.CORRECT, null, DAY)).isEmpty();
        assertThat(queue.review("nope", ReviewQueue.Verdict.CORRECT, null, DAY)).isEmpty();
        assertThatThrownBy(() -> queue.review("q8", ReviewQueue.Verdict.CORRECT, "x".repeat(2_001), DAY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
