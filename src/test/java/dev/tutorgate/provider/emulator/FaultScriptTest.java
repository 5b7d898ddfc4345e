package dev.tutorgate.provider.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the script is consumed: call by call, first match wins, repeats, matchers, placeholders. */
class FaultScriptTest {
    static Emulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(5).build());
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private int status(Protocol protocol) {
        return client.call(protocol, false).statusCode();
    }

    @Test
    void aFaultRepeatsItsTimesThenCallsPass() {
        emulator.script(Fault.rateLimit(Duration.ofSeconds(1)).times(2));

        assertThat(status(Protocol.OPENAI)).isEqualTo(429);
        assertThat(emulator.pendingFaults()).singleElement().extracting(Fault::times).isEqualTo(1);
        assertThat(status(Protocol.OPENAI)).isEqualTo(429);
        assertThat(status(Protocol.OPENAI)).isEqualTo(200);
        assertThat(emulator.pendingFaults()).isEmpty();
    }

    @Test
    void okHoldsAPlaceSoThatTheSecondCallFails() {
        emulator.script(Fault.of(FaultKind.OK), Fault.of(FaultKind.OVERLOADED));

        assertThat(status(Protocol.ANTHROPIC)).isEqualTo(200);
        assertThat(status(Protocol.ANTHROPIC)).isEqualTo(529);
        assertThat(status(Protocol.ANTHROPIC)).isEqualTo(200);
        assertThat(emulator.calls()).extracting(CallRecord::outcome).containsExactly("ok", "overloaded", "ok");
    }

    @Test
    void matchersLetOtherCallsPassAndTheFirstMatchingFaultWins() {
        emulator.script(Fault.of(FaultKind.SERVER_ERROR).on(Protocol.ANTHROPIC), Fault.of(FaultKind.UNAVAILABLE));

        assertThat(status(Protocol.GEMINI)).isEqualTo(503);
        assertThat(emulator.pendingFaults()).extracting(Fault::kind).containsExactly(FaultKind.SERVER_ERROR);
        assertThat(status(Protocol.OPENAI)).isEqualTo(200);
        assertThat(status(Protocol.ANTHROPIC)).isEqualTo(500);
    }

    @Test
    void modelAndKeyMatchersSelectTheirCallsOnly() {
        emulator.script(Fault.of(FaultKind.SERVER_ERROR).onModel("gpt-4.1").onKey("key-b"));

        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "key-a", false).statusCode()).isEqualTo(200);
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1-mini", "key-b", false).statusCode()).isEqualTo(200);
        assertThat(client.call(Protocol.OPENAI, "gpt-4.1", "key-b", false).statusCode()).isEqualTo(500);
        assertThat(emulator.calls()).extracting(CallRecord::key).containsExactly("key-a", "key-b", "key-b");
    }

    @Test
    void aFaultForEverIsNeverUsedUp() {
        emulator.script(Fault.parse("gateway-timeout,times=*,protocol=gemini"));
        for (int i = 0; i < 5; i++) {
            assertThat(status(Protocol.GEMINI)).isEqualTo(504);
        }
        assertThat(emulator.pendingFaults()).hasSize(1);
        emulator.clearScript();
        assertThat(status(Protocol.GEMINI)).isEqualTo(200);
    }
}
