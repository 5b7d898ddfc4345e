package dev.tutorgate.scaling;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.alerts.AlertSink;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.limits.ManualTicker;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.ThrottledException;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real configuration, the real provider throttle and the tier monitor on one hand-moved time:
 * the throttle's ticker and the monitor's clock advance together.
 */
final class TierFixture {
    /**
     * gemini-main: two keys of different projects at 10 RPM / 100,000 TPM each (tier1 overridden);
     * openai-main: one key, tier1 as published (500 RPM / 200,000 TPM / 10,000 RPD);
     * anthropic-main: two keys of one organisation sharing tier1 (50 RPM / 30,000 input TPM).
     */
    static final String YAML = """
            limits: { providerQueueMaxWaitMs: 0 }
            providers:
              - name: gemini-main
                type: gemini
                apiKeys: ["g-secret-1", "g-secret-2"]
                tier: tier1
                limits: { rpm: 10, tpm: 100000 }
              - name: openai-main
                type: openai
                apiKeys: ["o-secret-1"]
                tier: tier1
              - name: anthropic-main
                type: anthropic
                apiKeys: ["a-secret-1", "a-secret-2"]
                tier: tier1
                keysShareLimits: true
            models:
              - { name: gemini-2.5-flash, provider: gemini-main }
              - { name: gpt-4.1-mini, provider: openai-main }
              - { name: claude-sonnet-4-5, provider: anthropic-main }
            """;

    final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    final ManualTicker ticker = new ManualTicker();
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final TutorgateConfig config;
    final QueueingProviderThrottle throttle;
    final ThrottleTierMonitor monitor;

    TierFixture() {
        this(YAML);
    }

    TierFixture(String yaml) {
        config = ConfigLoader.fromYaml(yaml, "test", Map.of()).config();
        TierCatalog catalog = TierCatalog.bundled();
        throttle = QueueingProviderThrottle.fromConfig(config, catalog, ticker);
        AlertSink sink = alerts::add;
        monitor = ThrottleTierMonitor.fromConfig(config, catalog, throttle, sink, clock);
    }

    Instant now() {
        return clock.instant();
    }

    void advance(Duration by) {
        clock.advance(by);
        ticker.advance(by);
    }

    /** {@code n} calls through the throttle on {@code alias}, each of {@code tokens} input and no output. */
    void send(String alias, int n, long tokens) {
        for (int i = 0; i < n; i++) {
            try {
                throttle.acquire(alias, tokens, 0).complete(tokens, 0);
            } catch (ThrottledException e) {
                throw new AssertionError("the throttle refused call " + (i + 1) + " on " + alias, e);
            }
        }
    }

    /** {@link #send} and then the reply observed without headers (Gemini sends none). */
    void sendAndObserve(String alias, int n, long tokens) {
        for (int i = 0; i < n; i++) {
            send(alias, 1, tokens);
            monitor.observe(alias, dev.tutorgate.provider.RateLimitSnapshot.NONE, now());
        }
    }

    TierStatus status() {
        return monitor.status();
    }

    KeyTier key(String alias) {
        return status().key(alias).orElseThrow();
    }

    ProviderTier provider(String name) {
        return status().provider(name).orElseThrow();
    }
}
