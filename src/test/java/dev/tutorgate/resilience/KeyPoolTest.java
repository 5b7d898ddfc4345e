package dev.tutorgate.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.gateway.Candidate;
import dev.tutorgate.gateway.ProviderKeys;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.testing.MutableClock;
import dev.tutorgate.tutor.ModelLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyPoolTest {
    private static final String YAML = """
            providers:
              - { name: gem, type: gemini, baseUrl: "http://127.0.0.1:9", apiKeys: [g1, g2, g3] }
              - { name: oa, type: openai, baseUrl: "http://127.0.0.1:9", apiKeys: [o1, o2], keyWeights: [3, 1] }
            models:
              - { name: gemini-2.5-flash, provider: gem }
              - { name: gemini-2.5-pro, provider: gem }
              - { name: gpt-4.1-mini, provider: oa }
            """;
    private static final Duration TOOK = Duration.ofMillis(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"));
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final TutorgateConfig config = ConfigLoader.fromYaml(YAML, "test", Map.of()).config();
    private final Candidate flash = model("gemini-2.5-flash", "gem");
    private final Candidate pro = model("gemini-2.5-pro", "gem");
    private final Candidate mini = model("gpt-4.1-mini", "oa");

    private static Candidate model(String name, String provider) {
        return new Candidate(name, provider, new ModelLimits(name, name, 1_000_000, 8000));
    }

    private RotatingKeyPool pool(BreakerConfig breaker) {
        return RotatingKeyPool.create(config, ProviderKeys.fromConfig(config), List.of(flash, pro, mini, Candidate.OFFLINE),
                breaker, RetryConfig.custom().quotaCooldown(Duration.ofMinutes(30)).build(), clock,
                new InvalidKeyAlerts(alerts::add));
    }

    private RotatingKeyPool pool() {
        return pool(BreakerConfig.custom().build());
    }

    private static Selection.Lease lease(Selection s) {
        assertThat(s).isInstanceOf(Selection.Lease.class);
        return (Selection.Lease) s;
    }

    /** Takes {@code n} turns, each call succeeding at once; the aliases used. */
    private List<String> turns(KeyPool pool, Candidate model, int n) {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Selection.Lease lease = lease(pool.select(model, Set.of(), clock.instant()));
            used.add(lease.key().alias());
            pool.succeeded(lease, TOOK, clock.instant());
        }
        return used;
    }

    @Test
    void keysTakeTurnsRoundRobin() {
        assertThat(turns(pool(), flash, 6)).containsExactly("gem#1", "gem#2", "gem#3", "gem#1", "gem#2", "gem#3");
    }

    @Test
    void weightsShareTheTurnsSmoothly() {
        assertThat(KeyRing.smoothSchedule(2, List.of(3, 1))).containsExactly(0, 0, 1, 0);
        Map<String, Integer> counts = new HashMap<>();
        turns(pool(), mini, 400).forEach(alias -> counts.merge(alias, 1, Integer::sum));
        assertThat(counts).containsEntry("oa#1", 300).containsEntry("oa#2", 100);
    }

    @Test
    void aTurnListsEveryKeyOnceStartingWithTheKeyWhoseTurnItIs() {
        KeyRing<String> ring = new KeyRing<>(List.of("a", "b", "c"), List.of(1, 2, 1));
        for (int i = 0; i < 8; i++) {
            assertThat(ring.nextTurn()).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void aRateLimitedKeyRestsUntilItsHintAndTheOthersCarryOn() {
        RotatingKeyPool pool = pool();
        Selection.Lease first = lease(pool.select(flash, Set.of(), clock.instant()));
        pool.failed(first, ErrorKind.RATE_LIMITED, Duration.ofSeconds(3), TOOK, clock.instant());
        assertThat(turns(pool, flash, 4)).doesNotContain("gem#1");

        clock.advance(Duration.ofSeconds(3));
        assertThat(turns(pool, flash, 3)).contains("gem#1");
    }

    @Test
    void whenEveryUsableKeyRestsTheAnswerIsWhenTheFirstIsFree() {
        RotatingKeyPool pool = pool();
        Instant now = clock.instant();
        Map<String, Duration> hints = Map.of("gem#1", Duration.ofSeconds(9), "gem#2", Duration.ofSeconds(4),
                "gem#3", Duration.ofSeconds(7));
        for (int i = 0; i < 3; i++) {
            Selection.Lease lease = lease(pool.select(flash, Set.of(), now));
            pool.failed(lease, ErrorKind.RATE_LIMITED, hints.get(lease.key().alias()), TOOK, now);
        }
        assertThat(pool.select(flash, Set.of(), now)).isEqualTo(new Selection.WaitUntil(now.plusSeconds(4)));
        assertThat(pool.select(pro, Set.of(), now)).as("the key rests for every model")
                .isEqualTo(new Selection.WaitUntil(now.plusSeconds(4)));
    }

    @Test
    void aRateLimitWithoutHintRestsTheKeyForTheFirstBackoffStep() {
        RotatingKeyPool pool = pool();
        Selection.Lease lease = lease(pool.select(mini, Set.of(), clock.instant()));
        pool.failed(lease, ErrorKind.RATE_LIMITED, null, TOOK, clock.instant());
        KeyPool.KeyView view = pool.snapshot(clock.instant()).get(2).keys().getFirst();
        assertThat(view.coolingUntil()).isEqualTo(clock.instant().plusSeconds(1));
        assertThat(view.availability()).isEqualTo(KeyAvailability.COOLING);
    }

    @Test
    void aGeminiKeyOutOfDailyQuotaIsOutUntilMidnightPacific() {
        RotatingKeyPool pool = pool();
        Selection.Lease lease = lease(pool.select(flash, Set.of(), clock.instant()));
        pool.failed(lease, ErrorKind.QUOTA_EXHAUSTED, Duration.ofSeconds(20), TOOK, clock.instant());
        // 12:00 UTC on 10 March 2026 is 05:00 in Los Angeles (PDT from 8 March): the reset is 07:00 UTC on the 11th.
        Instant reset = Instant.parse("2026-03-11T07:00:00Z");
        assertThat(pool.snapshot(clock.instant()).getFirst().keys().getFirst().quotaUntil()).isEqualTo(reset);
        assertThat(turns(pool, pro, 4)).as("out for every model of the provider").doesNotContain("gem#1");
        clock.advance(Duration.between(clock.instant(), reset));
        assertThat(turns(pool, flash, 3)).contains("gem#1");
    }

    @Test
    void anOpenAiKeyOutOfQuotaIsOutForTheCooldownOrTheHintIfLonger() {
        Instant now = clock.instant();
        assertThat(QuotaResets.resetAfter(dev.tutorgate.config.ProviderType.OPENAI, now, null, Duration.ofMinutes(30)))
                .isEqualTo(now.plus(Duration.ofMinutes(30)));
        assertThat(QuotaResets.resetAfter(dev.tutorgate.config.ProviderType.ANTHROPIC, now, Duration.ofHours(2),
                Duration.ofMinutes(30))).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(QuotaResets.resetAfter(dev.tutorgate.config.ProviderType.GEMINI,
                Instant.parse("2026-01-15T09:00:00Z"), null, Duration.ofMinutes(30)))
                .as("PST in January: midnight is 08:00 UTC").isEqualTo(Instant.parse("2026-01-16T08:00:00Z"));
    }

    @Test
    void aRefusedKeyLeavesTheRotationWithOneAlertNamingOnlyItsAlias() {
        RotatingKeyPool pool = pool();
        Selection.Lease lease = lease(pool.select(mini, Set.of(), clock.instant()));
        assertThat(lease.key().alias()).isEqualTo("oa#1");
        pool.failed(lease, ErrorKind.INVALID_KEY, null, TOOK, clock.instant());
        // A call already under way on the same key fails the same way later: still one alert.
        pool.failed(lease, ErrorKind.INVALID_KEY, null, TOOK, clock.instant());

        assertThat(turns(pool, mini, 5)).containsOnly("oa#2");
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.getFirst();
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.title()).contains("oa#1").doesNotContain("o1");
        assertThat(alert.text()).contains("check the configuration".substring(1)).contains("expired")
                .contains("1 other key carries on").doesNotContain("o1\"");
        assertThat(alert.facts()).containsEntry("key", "oa#1").containsEntry("keys left", "1");

        Selection.Lease second = lease(pool.select(mini, Set.of(), clock.instant()));
        pool.failed(second, ErrorKind.INVALID_KEY, null, TOOK, clock.instant());
        assertThat(pool.select(mini, Set.of(), clock.instant())).isEqualTo(new Selection.NoKey("invalid_key"));
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alerts.get(1).text()).contains("No key of oa is left");
    }

    @Test
    void anAdminPutsARefusedKeyBackAndARefusalAfterThatAlertsAgain() {
        RotatingKeyPool pool = pool();
        Selection.Lease lease = lease(pool.select(mini, Set.of(), clock.instant()));
        pool.failed(lease, ErrorKind.INVALID_KEY, null, TOOK, clock.instant());
        assertThat(pool.enable("oa#1")).isTrue();
        assertThat(pool.enable("nope#9")).isFalse();
        assertThat(turns(pool, mini, 8)).contains("oa#1");
        Selection.Lease again = pool.select(mini, Set.of("oa#2"), clock.instant()) instanceof Selection.Lease l ? l : null;
        assertThat(again).isNotNull();
        pool.failed(again, ErrorKind.INVALID_KEY, null, TOOK, clock.instant());
        assertThat(alerts).hasSize(2);
    }

    @Test
    void keysTheCallerSkipsAreNotUsedAndAllSkippedMeansThrottled() {
        RotatingKeyPool pool = pool();
        assertThat(lease(pool.select(mini, Set.of("oa#1"), clock.instant())).key().alias()).isEqualTo("oa#2");
        assertThat(pool.select(mini, Set.of("oa#1", "oa#2"), clock.instant()))
                .isEqualTo(new Selection.NoKey("throttled"));
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresProbesAfterTheCooldownAndCloses() {
        BreakerConfig breaker = BreakerConfig.custom().failureRateThreshold(50).minimumCalls(4).windowSize(10)
                .openDuration(Duration.ofSeconds(30)).build();
        RotatingKeyPool pool = pool(breaker);
        Candidate single = mini;
        Set<String> onlyFirst = Set.of("oa#2");
        for (int i = 0; i < 4; i++) {
            Selection.Lease lease = lease(pool.select(single, onlyFirst, clock.instant()));
            pool.failed(lease, ErrorKind.UNAVAILABLE, null, TOOK, clock.instant());
        }
        assertThat(pool.select(single, onlyFirst, clock.instant())).isEqualTo(new Selection.NoKey("circuit_open"));
        assertThat(circuitOf(pool, "oa#1")).isEqualTo("open");
        assertThat(lease(pool.select(single, Set.of(), clock.instant())).key().alias())
                .as("the other key's circuit is closed").isEqualTo("oa#2");

        clock.advance(Duration.ofSeconds(29));
        assertThat(pool.select(single, onlyFirst, clock.instant())).isInstanceOf(Selection.NoKey.class);
        clock.advance(Duration.ofSeconds(2));
        Selection.Lease probe = lease(pool.select(single, onlyFirst, clock.instant()));
        assertThat(circuitOf(pool, "oa#1")).isEqualTo("half_open");
        assertThat(pool.select(single, onlyFirst, clock.instant())).as("one probe at a time")
                .isEqualTo(new Selection.NoKey("circuit_open"));
        pool.failed(probe, ErrorKind.FIRST_TOKEN_TIMEOUT, null, TOOK, clock.instant());
        assertThat(circuitOf(pool, "oa#1")).as("a failed probe opens it again").isEqualTo("open");

        clock.advance(Duration.ofSeconds(31));
        Selection.Lease second = lease(pool.select(single, onlyFirst, clock.instant()));
        pool.succeeded(second, TOOK, clock.instant());
        assertThat(circuitOf(pool, "oa#1")).isEqualTo("closed");
        assertThat(turns(pool, single, 4)).contains("oa#1");
    }

    @Test
    void aModelThatIsDownOpensOnlyItsOwnCircuits() {
        RotatingKeyPool pool = pool(BreakerConfig.custom().minimumCalls(2).windowSize(2).build());
        for (int i = 0; i < 6; i++) {
            Selection.Lease lease = lease(pool.select(flash, Set.of(), clock.instant()));
            pool.failed(lease, ErrorKind.UNAVAILABLE, null, TOOK, clock.instant());
        }
        assertThat(pool.select(flash, Set.of(), clock.instant())).isEqualTo(new Selection.NoKey("circuit_open"));
        assertThat(turns(pool, pro, 3)).containsExactlyInAnyOrder("gem#1", "gem#2", "gem#3");
    }

    @Test
    void failuresThatAreNotTheUpstreamsFaultNeverOpenTheCircuit() {
        RotatingKeyPool pool = pool(BreakerConfig.custom().minimumCalls(2).windowSize(4).build());
        for (ErrorKind kind : List.of(ErrorKind.BAD_REQUEST, ErrorKind.CONTEXT_TOO_LONG, ErrorKind.CONTENT_BLOCKED,
                ErrorKind.CANCELLED, ErrorKind.BAD_REQUEST, ErrorKind.CONTEXT_TOO_LONG)) {
            Selection.Lease lease = lease(pool.select(mini, Set.of("oa#2"), clock.instant()));
            pool.failed(lease, kind, null, TOOK, clock.instant());
        }
        assertThat(circuitOf(pool, "oa#1")).isEqualTo("closed");
        assertThat(pool.select(mini, Set.of("oa#2"), clock.instant())).isInstanceOf(Selection.Lease.class);
    }

    @Test
    void aReleasedLeaseGivesTheHalfOpenProbeBack() {
        RotatingKeyPool pool = pool(BreakerConfig.custom().minimumCalls(1).windowSize(1).build());
        Selection.Lease lease = lease(pool.select(mini, Set.of("oa#2"), clock.instant()));
        pool.failed(lease, ErrorKind.UNAVAILABLE, null, TOOK, clock.instant());
        clock.advance(Duration.ofSeconds(31));
        Selection.Lease probe = lease(pool.select(mini, Set.of("oa#2"), clock.instant()));
        pool.release(probe);
        assertThat(pool.select(mini, Set.of("oa#2"), clock.instant())).isInstanceOf(Selection.Lease.class);
    }

    @Test
    void manyThreadsShareTheTurnsEvenly() throws Exception {
        RotatingKeyPool pool = pool();
        Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 300; i++) {
                Selection.Lease lease = (Selection.Lease) pool.select(flash, Set.of(), clock.instant());
                counts.merge(lease.key().alias(), 1, Integer::sum);
                pool.succeeded(lease, TOOK, clock.instant());
            }
        })).toList();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(counts).containsEntry("gem#1", 800).containsEntry("gem#2", 800).containsEntry("gem#3", 800);
    }

    private String circuitOf(KeyPool pool, String alias) {
        return pool.snapshot(clock.instant()).stream().flatMap(m -> m.keys().stream()
                        .filter(k -> m.model().equals(mini) && k.alias().equals(alias)))
                .findFirst().orElseThrow().circuit();
    }
}
