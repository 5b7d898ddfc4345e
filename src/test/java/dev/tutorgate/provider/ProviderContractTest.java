package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.emulator.CallRecord;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.Fault;
import dev.tutorgate.provider.emulator.FaultKind;
import dev.tutorgate.provider.emulator.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider implementation against the built-in emulator, plain and streamed: text, usage
 * normalised exactly as the emulator reported it, every error kind, retry hints and timeouts.
 */
class ProviderContractTest {
    static final String KEY = "emulator-key-1";
    static final CallTimeouts RELAXED = HttpChatProviderTest.RELAXED;

    /** The four provider types; openai-compatible talks to the emulator's OpenAI protocol. */
    enum Flavor {
        GEMINI(ProviderType.GEMINI, Protocol.GEMINI, "gemini-2.5-flash", ""),
        OPENAI(ProviderType.OPENAI, Protocol.OPENAI, "gpt-4.1-mini", ""),
        OPENAI_COMPATIBLE(ProviderType.OPENAI_COMPATIBLE, Protocol.OPENAI, "llama-3.1-8b-instruct", "/v1"),
        ANTHROPIC(ProviderType.ANTHROPIC, Protocol.ANTHROPIC, "claude-sonnet-4-5", "");

        final ProviderType type;
        final Protocol protocol;
        final String model;
        final String basePath;

        Flavor(ProviderType type, Protocol protocol, String model, String basePath) {
            this.type = type;
            this.protocol = protocol;
            this.model = model;
            this.basePath = basePath;
        }
    }

    private static Emulator emulator;
    private static final Map<Flavor, ChatProvider> PROVIDERS = new EnumMap<>(Flavor.class);

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.start(EmulatorSettings.instant());
        for (Flavor flavor : Flavor.values()) {
            PROVIDERS.put(flavor, ChatProviders.create(new TutorgateConfig.Provider("emu-" + flavor.type.id(),
                    flavor.type, emulator.baseUrl() + flavor.basePath, List.of(), null, "tier1", null)));
        }
    }

    @AfterAll
    static void stopEmulator() {
        PROVIDERS.values().forEach(ChatProvider::close);
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    private static ModelCall call(Flavor flavor, CallTimeouts timeouts) {
        return new ModelCall(flavor.model,
                "You are a patient tutor.\n\n# Lesson 1: Variables\nA variable names a value.\n" + "Course text. ".repeat(300),
                List.of(ChatMessage.user("What is a variable?")), 60, 0.2, "course-v1", timeouts);
    }

    private static ProviderReply run(Flavor flavor, boolean streamed, List<String> deltas) throws ProviderException {
        ChatProvider provider = PROVIDERS.get(flavor);
        ApiKey key = new ApiKey("emu#1", KEY);
        return streamed
                ? provider.stream(call(flavor, RELAXED), key, delta -> deltas.add(delta))
                : provider.complete(call(flavor, RELAXED), key);
    }

    private static ProviderException fails(Flavor flavor, boolean streamed, CallTimeouts timeouts, TextSink sink) {
        ChatProvider provider = PROVIDERS.get(flavor);
        return HttpChatProviderTest.failure(() -> streamed
                ? provider.stream(call(flavor, timeouts), new ApiKey("emu#1", KEY), sink)
                : provider.complete(call(flavor, timeouts), new ApiKey("emu#1", KEY)));
    }

    private static ProviderException fails(Flavor flavor, boolean streamed) {
        return fails(flavor, streamed, RELAXED, TextSink.DISCARD);
    }

    private static CallRecord onlyCall() {
        assertThat(emulator.calls()).hasSize(1);
        return emulator.calls().get(0);
    }

    /** Anthropic's wire carries no thinking breakdown (thinking is inside output_tokens). */
    private static Usage comparable(Flavor flavor, Usage usage) {
        return flavor != Flavor.ANTHROPIC ? usage : new Usage(usage.inputTokens(), usage.cachedInputTokens(),
                usage.cacheWrite5mTokens(), usage.cacheWrite1hTokens(), usage.outputTokens(), 0, usage.estimated());
    }

    static Stream<Arguments> everyFlavorPlainAndStreamed() {
        return Stream.of(Flavor.values()).flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
    }

    @ParameterizedTest(name = "{0} streamed={1}")
    @MethodSource("everyFlavorPlainAndStreamed")
    void answersWithTheUsageTheEmulatorReported(Flavor flavor, boolean streamed) throws Exception {
        List<String> deltas = new CopyOnWriteArrayList<>();

        ProviderReply reply = run(flavor, streamed, deltas);

        CallRecord record = onlyCall();
        assertThat(record.ok()).isTrue();
        assertThat(record.protocol()).isEqualTo(flavor.protocol);
        assertThat(record.model()).isEqualTo(flavor.model);
        assertThat(record.key()).isEqualTo(KEY);
        assertThat(record.streamed()).isEqualTo(streamed);
        assertThat(reply.text()).isNotBlank();
        assertThat(reply.finishReason()).isNotBlank();
        assertThat(reply.usage()).isEqualTo(comparable(flavor, record.usage()));
        if (streamed) {
            assertThat(deltas).hasSizeGreaterThan(1);
            assertThat(String.join("", deltas)).isEqualTo(reply.text());
        }
    }

    @ParameterizedTest(name = "{0} streamed={1}")
    @MethodSource("everyFlavorPlainAndStreamed")
    void cachedPromptAndThinkingAreNormalised(Flavor flavor, boolean streamed) throws Exception {
        emulator.settings(EmulatorSettings.instant().toBuilder().cachedFraction(0.8).thinkingTokens(40).build());

        ProviderReply first = run(flavor, streamed, new ArrayList<>());
        ProviderReply second = run(flavor, streamed, new ArrayList<>());

        List<CallRecord> calls = emulator.calls();
        assertThat(first.usage()).isEqualTo(comparable(flavor, calls.get(0).usage()));
        assertThat(second.usage()).isEqualTo(comparable(flavor, calls.get(1).usage()));
        Usage usage = second.usage();
        assertThat(usage.cachedInputTokens()).isPositive().isLessThan(usage.inputTokens());
        assertThat(usage.outputTokens()).isGreaterThanOrEqualTo(40);
        if (flavor != Flavor.ANTHROPIC) {
            assertThat(usage.reasoningTokens()).isEqualTo(40);
        }
    }

    @ParameterizedTest(name = "{0} streamed={1}")
    @MethodSource("everyFlavorPlainAndStreamed")
    void rateLimitCarriesTheProtocolsRetryHint(Flavor flavor, boolean streamed) {
        emulator.script(Fault.rateLimit(Duration.ofMillis(2500)));

        ProviderException e = fails(flavor, streamed);

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        Duration expected = switch (flavor.protocol) {
            case GEMINI -> Duration.ofMillis(2500);   // RetryInfo.retryDelay "2.500s"
            case OPENAI -> Duration.ofMillis(2500);   // retry-after-ms
            case ANTHROPIC -> Duration.ofSeconds(3);  // retry-after, whole seconds
        };
        assertThat(e.retryAfter()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void rateLimitHeadersAreReadOnSuccessAndOnErrors(Flavor flavor) throws Exception {
        emulator.settings(EmulatorSettings.instant().toBuilder().requestsPerMinutePerKey(2).build());

        ProviderReply reply = run(flavor, true, new ArrayList<>());
        run(flavor, false, new ArrayList<>());
        ProviderException limited = fails(flavor, true);

        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isPositive();
        if (flavor.protocol == Protocol.GEMINI) {
            assertThat(reply.rateLimits()).isEqualTo(RateLimitSnapshot.NONE); // Gemini sends none
        } else {
            assertThat(reply.rateLimits().requestsLimit()).isEqualTo(2L);
            assertThat(reply.rateLimits().requestsRemaining()).isEqualTo(1L);
            assertThat(reply.rateLimits().requestsReset()).isNotNull();
            assertThat(limited.rateLimits().requestsRemaining()).isZero();
        }
    }

    static Stream<Arguments> errorFaults() {
        Map<FaultKind, ErrorKind> expected = Map.of(
                FaultKind.DAILY_QUOTA, ErrorKind.QUOTA_EXHAUSTED,
                FaultKind.OVERLOADED, ErrorKind.UNAVAILABLE,
                FaultKind.UNAVAILABLE, ErrorKind.UNAVAILABLE,
                FaultKind.SERVER_ERROR, ErrorKind.UNAVAILABLE,
                FaultKind.GATEWAY_TIMEOUT, ErrorKind.UNAVAILABLE,
                FaultKind.INVALID_KEY, ErrorKind.INVALID_KEY,
                FaultKind.CONTEXT_TOO_LONG, ErrorKind.CONTEXT_TOO_LONG);
        return everyFlavorPlainAndStreamed().flatMap(args -> expected.entrySet().stream()
                .map(e -> Arguments.of(args.get()[0], args.get()[1], e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0} streamed={1} {2} -> {3}")
    @MethodSource("errorFaults")
    void everyErrorFaultMapsToExactlyItsKind(Flavor flavor, boolean streamed, FaultKind fault, ErrorKind kind) {
        emulator.script(Fault.of(fault));

        ProviderException e = fails(flavor, streamed);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isBetween(400, 599);
        assertThat(e.outputStarted()).isFalse();
        assertThat(e.getMessage()).startsWith("emu-" + flavor.type.id() + ": HTTP ").doesNotContain(KEY);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void keysTheAccountDoesNotKnowAreInvalid(Flavor flavor) throws Exception {
        emulator.settings(EmulatorSettings.instant().toBuilder().validKeys(Set.of(KEY)).build());

        ProviderException e = HttpChatProviderTest.failure(() -> PROVIDERS.get(flavor)
                .complete(call(flavor, RELAXED), new ApiKey("emu#2", "some-other-key")));

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_KEY);
        assertThat(run(flavor, false, new ArrayList<>()).text()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void aCutStreamIsBrokenAndCarriesWhatArrived(Flavor flavor) {
        // paced, so that the tokens before the cut are read before the connection reset arrives
        // (a reset discards what the client has not read yet, as it would from a real upstream)
        emulator.settings(EmulatorSettings.instant().toBuilder().tokensPerSecond(200).build());
        emulator.script(Fault.cutAfter(5));

        ProviderException e = fails(flavor, true);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.partialText()).isNotBlank();
        Usage recorded = onlyCall().usage();
        switch (flavor.protocol) {
            // cumulative usage on every chunk: the last one read before the cut
            case GEMINI -> {
                assertThat(e.reportedUsage().inputTokens()).isEqualTo(recorded.inputTokens());
                assertThat(e.reportedUsage().outputTokens()).isBetween(1L, recorded.outputTokens());
            }
            // usage only arrives in the chunk before [DONE]: none, the caller estimates
            case OPENAI -> assertThat(e.reportedUsage()).isNull();
            // message_start told the input and cache counts
            case ANTHROPIC -> assertThat(e.reportedUsage().inputTokens()).isEqualTo(recorded.inputTokens());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void aNonStreamedBodyCutInHalfIsBroken(Flavor flavor) {
        emulator.script(Fault.cutAfter(5));

        ProviderException e = fails(flavor, false);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.partialText()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void anErrorEventAfterHttp200IsABrokenStream(Flavor flavor) {
        emulator.script(Fault.errorEventAfter(3));

        ProviderException e = fails(flavor, true);

        assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.partialText()).isNotBlank();
    }

    static final CallTimeouts SHORT_FIRST_TOKEN = HttpChatProviderTest.SHORT_FIRST_TOKEN;
    static final CallTimeouts SHORT_IDLE = HttpChatProviderTest.SHORT_IDLE;
    static final CallTimeouts SHORT_TOTAL = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(700));

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void hangsEndInTheMatchingTimeout(Flavor flavor) {
        emulator.script(Fault.hangBeforeHeaders().hangFor(Duration.ofSeconds(20)).times(2),
                Fault.hangAfterHeaders().hangFor(Duration.ofSeconds(20)).times(2));

        assertThat(fails(flavor, true, SHORT_FIRST_TOKEN, TextSink.DISCARD).kind())
                .isEqualTo(ErrorKind.FIRST_TOKEN_TIMEOUT);
        assertThat(fails(flavor, false, SHORT_TOTAL, TextSink.DISCARD).kind())
                .as("a non-streamed call has no first-token timeout").isEqualTo(ErrorKind.TOTAL_TIMEOUT);
        assertThat(fails(flavor, true, SHORT_FIRST_TOKEN, TextSink.DISCARD).kind())
                .isEqualTo(ErrorKind.FIRST_TOKEN_TIMEOUT);
        assertThat(fails(flavor, false, SHORT_IDLE, TextSink.DISCARD).kind())
                .as("headers then a stalled body").isEqualTo(ErrorKind.IDLE_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void aSlowStreamHitsTheIdleTimeoutWithItsText(Flavor flavor) {
        emulator.settings(EmulatorSettings.instant().toBuilder().tokensPerSecond(2).build());

        ProviderException e = fails(flavor, true, SHORT_IDLE, TextSink.DISCARD);

        assertThat(e.kind()).isEqualTo(ErrorKind.IDLE_TIMEOUT);
        assertThat(e.partialText()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flavor.class)
    void aSinkThatGoesAwayCancelsTheCall(Flavor flavor) {
        emulator.settings(EmulatorSettings.instant().toBuilder().tokensPerSecond(200).build());
        List<String> seen = new CopyOnWriteArrayList<>();

        ProviderException e = fails(flavor, true, RELAXED, delta -> {
            seen.add(delta);
            return seen.size() < 2;
        });

        assertThat(e.kind()).isEqualTo(ErrorKind.CANCELLED);
        assertThat(e.partialText()).isEqualTo(String.join("", seen));
    }
}
