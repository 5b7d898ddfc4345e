package dev.tutorgate.provider.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fault spec text form and its JSON forms. */
class FaultSpecTest {
    @Test
    void parsesEveryOption() {
        Fault f = Fault.parse(" rate-limit , retry=2.5s, times=3, protocol=OpenAI, model=gpt-4.1, key=k1 ");

        assertThat(f.kind()).isEqualTo(FaultKind.RATE_LIMIT);
        assertThat(f.retryAfterMs()).isEqualTo(2500);
        assertThat(f.times()).isEqualTo(3);
        assertThat(f.protocol()).isEqualTo(Protocol.OPENAI);
        assertThat(f.model()).isEqualTo("gpt-4.1");
        assertThat(f.key()).isEqualTo("k1");
        assertThat(Fault.parse("cut-stream,after=17").afterTokens()).isEqualTo(17);
        assertThat(Fault.parse("hang-after-headers,for=1500ms").hangMs()).isEqualTo(1500);
        assertThat(Fault.parse("hang-before-headers,for=2m").hangMs()).isEqualTo(120_000);
        assertThat(Fault.parse("rate-limit,retry=4").retryAfterMs()).isEqualTo(4000);
        assertThat(Fault.parse("overloaded,times=forever").times()).isEqualTo(Fault.FOREVER);
    }

    @Test
    void defaultsAreOneUseThreeSecondHintFiveTokensAndAnEndlessHang() {
        Fault f = Fault.parse("ok");
        assertThat(f.times()).isEqualTo(1);
        assertThat(f.retryAfterMs()).isEqualTo(3000);
        assertThat(f.afterTokens()).isEqualTo(5);
        assertThat(f.hangMs()).isZero();
        assertThat(f.protocol()).isNull();
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void specRoundTrips(FaultKind kind) {
        Fault f = Fault.of(kind).times(4).on(Protocol.ANTHROPIC).onModel("m").onKey("k")
                .retryAfter(Duration.ofMillis(1200)).afterTokens(9).hangFor(Duration.ofSeconds(2));
        Fault back = Fault.parse(f.spec());

        assertThat(back.kind()).isEqualTo(kind);
        assertThat(back.times()).isEqualTo(4);
        assertThat(back.protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(back.model()).isEqualTo("m");
        assertThat(back.key()).isEqualTo("k");
        assertThat(back.spec()).isEqualTo(f.spec());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "explode", "rate-limit,retry", "rate-limit,retry=soon", "cut-stream,after=x",
            "ok,times=0", "ok,times=-2", "ok,color=red", "ok,protocol=grpc", "rate-limit,retry=-3s"})
    void refusesBadSpecsWithAMessage(String spec) {
        assertThatThrownBy(() -> Fault.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void unknownKindListsTheKnownOnes() {
        assertThatThrownBy(() -> Fault.parse("explode")).hasMessageContaining("rate-limit").hasMessageContaining("cut-stream");
    }

    @Test
    void jsonAcceptsTheSpecStringOrAnObjectWithDefaults() throws Exception {
        Fault fromString = Json.MAPPER.readValue("\"daily-quota,protocol=gemini\"", Fault.class);
        assertThat(fromString.kind()).isEqualTo(FaultKind.DAILY_QUOTA);
        assertThat(fromString.protocol()).isEqualTo(Protocol.GEMINI);

        Fault fromObject = Json.MAPPER.readValue("{\"kind\":\"cut-stream\",\"afterTokens\":2,\"protocol\":\"openai\"}", Fault.class);
        assertThat(fromObject).isEqualTo(Fault.cutAfter(2).on(Protocol.OPENAI));

        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(fromObject), Fault.class)).isEqualTo(fromObject);
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"times\":2}", Fault.class)).hasMessageContaining("kind");
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"kind\":\"ok\",\"colour\":1}", Fault.class))
                .hasMessageContaining("colour");
    }

    @Test
    void streamOnlyFaultsDoNotMatchPlainCalls() {
        assertThat(Fault.errorEventAfter(1).matches(Protocol.GEMINI, "m", "k", false)).isFalse();
        assertThat(Fault.errorEventAfter(1).matches(Protocol.GEMINI, "m", "k", true)).isTrue();
        assertThat(Fault.cutAfter(1).matches(Protocol.GEMINI, "m", "k", false)).isTrue();
    }
}
