package dev.tutorgate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limit verdict on outcomes with known times (milliseconds here, nanoseconds inside). */
class RateLimitCheckTest {
    private static final long MS = 1_000_000L;
    private final List<Outcome> outcomes = new ArrayList<>();

    private void answer(int student, long sentMs, long headersMs) {
        outcomes.add(new Outcome(outcomes.size(), student, null, true, 200, null, sentMs * MS, headersMs * MS,
                (headersMs + 1) * MS, (headersMs + 5) * MS, "m", null, 0, true, null, null));
    }

    private void refuse(int student, long atMs, String retryAfterHeader, Long retryAfterSeconds) {
        refuse(student, atMs, 429, "rate_limited", retryAfterHeader, retryAfterSeconds);
    }

    private void refuse(int student, long atMs, int status, String code, String header, Long seconds) {
        outcomes.add(new Outcome(outcomes.size(), student, null, false, status, code, atMs * MS, (atMs + 1) * MS,
                Outcome.NONE, (atMs + 1) * MS, null, null, 0, false, header, seconds));
    }

    private LimitVerdict check(int limit, LimitRule rule, String... students) {
        return RateLimitCheck.check(outcomes, List.of(students), limit, LimitSource.OPTION, rule);
    }

    @Test
    void tenAtOnceAndTheRestRefusedHolds() {
        for (int i = 0; i < 10; i++) {
            answer(0, i, i + 20);
        }
        for (int i = 10; i < 100; i++) {
            refuse(0, i, "42", 42L);
        }

        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a");

        assertThat(v.held()).isTrue();
        assertThat(v.exercised()).isTrue();
        LimitVerdict.StudentLimit a = v.students().getFirst();
        assertThat(a.sent()).isEqualTo(100);
        assertThat(a.answered()).isEqualTo(10);
        assertThat(a.tooMany()).isEqualTo(90);
        assertThat(a.window().answers()).isEqualTo(10);
        assertThat(a.window().allowed()).isEqualTo(10);
    }

    @Test
    void elevenAnswersInAFewMillisecondsBreakIt() {
        for (int i = 0; i < 11; i++) {
            answer(0, i, i + 20);
        }

        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a");

        assertThat(v.held()).isFalse();
        LimitVerdict.Window w = v.violators().getFirst().window();
        assertThat(w.answers()).isEqualTo(11);
        assertThat(w.allowed()).isEqualTo(10);
        assertThat(w.from()).isZero();
        assertThat(w.to()).isEqualTo(30 * MS);
    }

    @Test
    void theBucketRefillsOneEverySixSecondsButARollingMinuteDoesNot() {
        for (int i = 0; i < 10; i++) {
            answer(0, i, i + 20);
        }
        answer(0, 6_100, 6_150); // one token back after 6 s at 10/min

        assertThat(check(10, LimitRule.TOKEN_BUCKET, "a").held()).isTrue();
        LimitVerdict rolling = check(10, LimitRule.ROLLING_MINUTE, "a");
        assertThat(rolling.held()).isFalse();
        assertThat(rolling.violators().getFirst().window().answers()).isEqualTo(11);
    }

    @Test
    void twoRefillsAreNotThreeAnswers() {
        for (int i = 0; i < 10; i++) {
            answer(0, i, i + 20);
        }
        answer(0, 6_100, 6_150);
        answer(0, 6_200, 6_250);
        answer(0, 12_100, 12_150);

        // [0, 6.25 s] holds 12 answers where 10 + ⌊10 · 6.25 / 60⌋ = 11 are allowed
        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a");

        assertThat(v.held()).isFalse();
        assertThat(v.violators().getFirst().window().answers()).isEqualTo(12);
        assertThat(v.violators().getFirst().window().allowed()).isEqualTo(11);
    }

    @Test
    void theClientsUncertaintyIsNeverHeldAgainstTheServer() {
        // eleven answers whose admission could have been spread over 61 s: each request was in flight
        // a long time (JSON answers), so the server may have admitted them far apart
        for (int i = 0; i < 11; i++) {
            answer(0, i, 61_000 + i);
        }

        assertThat(check(10, LimitRule.ROLLING_MINUTE, "a").held()).isTrue();
        assertThat(check(10, LimitRule.TOKEN_BUCKET, "a").held()).isTrue();
    }

    @Test
    void everyStudentHasTheirOwnAllowance() {
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 10; i++) {
                answer(s, i, i + 1);
            }
            refuse(s, 11, "30", null);
        }

        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a", "b", "c");

        assertThat(v.held()).isTrue();
        assertThat(v.students()).extracting(LimitVerdict.StudentLimit::answered).containsExactly(10, 10, 10);
    }

    @Test
    void oneStudentOverTheLimitIsNamed() {
        for (int i = 0; i < 10; i++) {
            answer(0, i, i + 1);
            answer(1, i, i + 1);
        }
        answer(1, 11, 12);

        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a", "b");

        assertThat(v.held()).isFalse();
        assertThat(v.violators()).extracting(LimitVerdict.StudentLimit::name).containsExactly("b");
    }

    @Test
    void every429MustSayWhenToRetry() {
        refuse(0, 1, "42", 42L);
        refuse(0, 2, null, 42L);
        refuse(0, 3, "Wed, 21 Oct 2026 07:28:00 GMT", null);
        assertThat(check(1, LimitRule.TOKEN_BUCKET, "a").held()).isTrue();

        refuse(0, 4, null, null);
        refuse(0, 5, "soon", null);
        refuse(0, 6, "-3", null);
        LimitVerdict v = check(1, LimitRule.TOKEN_BUCKET, "a");
        assertThat(v.held()).isFalse();
        assertThat(v.tooManyWithoutRetryAfter()).isEqualTo(3);
    }

    @Test
    void aRateLimitRefusalWithAnotherStatusFails() {
        refuse(0, 1, 503, "rate_limited", "5", 5L);

        LimitVerdict v = check(10, LimitRule.TOKEN_BUCKET, "a");

        assertThat(v.held()).isFalse();
        assertThat(v.rateLimitedNot429()).isEqualTo(1);
    }

    @Test
    void fewRequestsCannotExerciseTheLimit() {
        answer(0, 0, 1);
        answer(1, 0, 1);

        LimitVerdict v = check(1, LimitRule.TOKEN_BUCKET, "a", "b");

        assertThat(v.held()).isTrue();
        assertThat(v.exercised()).isFalse();
    }

    @Test
    void theBucketsAllowanceGrowsWithTheWindow() {
        assertThat(LimitRule.TOKEN_BUCKET.allowed(10, 0)).isEqualTo(10);
        assertThat(LimitRule.TOKEN_BUCKET.allowed(10, 5_999 * MS)).isEqualTo(10);
        assertThat(LimitRule.TOKEN_BUCKET.allowed(10, 6_000 * MS)).isEqualTo(11);
        assertThat(LimitRule.TOKEN_BUCKET.allowed(10, 60_000 * MS)).isEqualTo(20);
        assertThat(LimitRule.TOKEN_BUCKET.allowed(1_000_000, 3_600_000 * MS)).isEqualTo(61_000_000);
        assertThat(LimitRule.ROLLING_MINUTE.allowed(10, 59_999 * MS)).isEqualTo(10);
        assertThat(LimitRule.ROLLING_MINUTE.allowed(10, 60_000 * MS)).isEqualTo(Long.MAX_VALUE);
    }
}
