package dev.tutorgate.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tutorgate.alerts.Alert;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.limits.QueueingProviderThrottle;
import dev.tutorgate.limits.TierCatalog;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.CallTimeouts;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.scaling.LimitUse.CountedBy;
import dev.tutorgate.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP: the vendor clients call the built-in emulator, which enforces 5 requests per minute
 * per key and sends OpenAI's and Anthropic's rate-limit headers; the replies and the 429 are fed
 * to the monitor exactly as the dispatcher will feed them.
 */
class EmulatorHeadersTest {
    private static final String KEY = "emulator-key-1";
    private static final CallTimeouts TIMEOUTS = new CallTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofSeconds(20), Duration.ofSeconds(30));

    private final MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
    private final Emulator emulator = Emulator.start(EmulatorSettings.instant().toBuilder().requestsPerMinutePerKey(5)
            .build(), 0, clock);
    private final TutorgateConfig config = ConfigLoader.fromYaml("""
            providers:
              - { name: emu-openai, type: openai, baseUrl: "%1$s", apiKeys: ["%2$s"], tier: tier1 }
              - { name: emu-anthropic, type: anthropic, baseUrl: "%1$s", apiKeys: ["%2$s"], tier: tier1 }
            """.formatted(emulator.baseUrl(), KEY), "test", Map.of()).config();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ThrottleTierMonitor monitor = ThrottleTierMonitor.fromConfig(config, TierCatalog.bundled(),
            QueueingProviderThrottle.fromConfig(config, TierCatalog.bundled()), alerts::add, clock);
    private final List<ChatProvider> providers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        providers.forEach(ChatProvider::close);
        emulator.close();
    }

    private ChatProvider provider(String name) {
        ChatProvider provider = ChatProviders.create(config.provider(name).orElseThrow(), clock);
        providers.add(provider);
        return provider;
    }

    private static ModelCall call(String model) {
        return new ModelCall(model, "You are a tutor.\n\n# Lesson 1\nA variable names a value.",
                List.of(ChatMessage.user("What is a variable?")), 40, 0.2, "course-v1", TIMEOUTS);
    }

    /** What the dispatcher does around each call. */
    private void callAndObserve(ChatProvider provider, String model, String alias) throws ProviderException {
        try {
            ProviderReply reply = provider.complete(call(model), new ApiKey(alias, KEY));
            monitor.observe(alias, reply.rateLimits(), clock.instant());
        } catch (ProviderException e) {
            monitor.observeError(alias, e, clock.instant());
            throw e;
        }
    }

    @Test
    void openAiRepliesShowTheKeysUseAndTheRefusalIsCounted() throws Exception {
        ChatProvider openAi = provider("emu-openai");
        for (int i = 0; i < 3; i++) {
            callAndObserve(openAi, "gpt-4.1-mini", "emu-openai#1");
        }

        KeyTier key = monitor.status().key("emu-openai#1").orElseThrow();
        // the emulator allows 5 a minute: 3 used, 2 left (40.0%), as the provider counts them
        assertThat(key.requestsPerMinute().used()).isEqualTo(3);
        assertThat(key.requestsPerMinute().limit()).isEqualTo(5);
        assertThat(key.requestsPerMinute().headroom()).isEqualTo(2);
        assertThat(key.requestsPerMinute().headroomPercent()).isEqualByComparingTo("40.0");
        assertThat(key.requestsPerMinute().countedBy()).isEqualTo(CountedBy.PROVIDER);
        assertThat(key.providerView().requestsReset()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(key.notes()).singleElement().asString().contains("reports 5 requests per minute");
        assertThat(alerts).isEmpty();

        callAndObserve(openAi, "gpt-4.1-mini", "emu-openai#1"); // 4 of 5 = 80%
        assertThat(alerts).isEmpty();
        callAndObserve(openAi, "gpt-4.1-mini", "emu-openai#1"); // 5 of 5
        ProviderException refused = catchThrowableOfType(ProviderException.class,
                () -> callAndObserve(openAi, "gpt-4.1-mini", "emu-openai#1"));

        assertThat(refused.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        key = monitor.status().key("emu-openai#1").orElseThrow();
        assertThat(key.rateLimitedLastDay()).isEqualTo(1);
        assertThat(key.requestsPerMinute().headroom()).isZero();
        assertThat(alerts).singleElement().extracting(Alert::title)
                .isEqualTo("emu-openai#1 at 100% of its requests per minute");

        clock.advance(Duration.ofSeconds(60)); // the emulator's window (and the headers' reset) has passed
        assertThat(monitor.status().key("emu-openai#1").orElseThrow().warning()).isFalse();
    }

    @Test
    void anthropicRepliesAreReadTheSameWay() throws Exception {
        ChatProvider anthropic = provider("emu-anthropic");
        callAndObserve(anthropic, "claude-sonnet-4-5", "emu-anthropic#1");
        callAndObserve(anthropic, "claude-sonnet-4-5", "emu-anthropic#1");

        KeyTier key = monitor.status().key("emu-anthropic#1").orElseThrow();
        assertThat(key.requestsPerMinute().used()).isEqualTo(2);
        assertThat(key.requestsPerMinute().limit()).isEqualTo(5);
        assertThat(key.requestsPerMinute().countedBy()).isEqualTo(CountedBy.PROVIDER);
        assertThat(key.providerView().requestsReset()).isEqualTo(clock.instant().plusSeconds(60));
    }
}
