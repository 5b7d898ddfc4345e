package dev.tutorgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.StreamDecoder.End;
import dev.tutorgate.provider.StreamFixture;
import dev.tutorgate.provider.StreamFixture.Decoded;
import org.junit.jupiter.api.Test;

class OpenAiStreamDecoderTest {
    private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"gpt-4.1-mini\",";

    static String delta(String content) {
        return "data: " + HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content
                + "\"},\"finish_reason\":null}],\"usage\":null}\n\n";
    }

    static final String ROLE = "data: " + HEAD
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],"
            + "\"usage\":null}\n\n";
    static final String STOP = "data: " + HEAD
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n";
    /** provider-facts §0 worked example: 12,000 prompt tokens of which 10,240 cached, 500 completion. */
    static final String USAGE = "data: " + HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":12000,"
            + "\"completion_tokens\":500,\"total_tokens\":12500,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":10240,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n";
    static final String DONE = "data: [DONE]\n\n";

    private static Decoded decode(String body) throws Exception {
        return StreamFixture.decode(new OpenAiStreamDecoder(), body);
    }

    @Test
    void textThenUsageOnlyFinalChunkThenDone() throws Exception {
        Decoded decoded = decode(ROLE + delta("Hel") + delta("lo") + STOP + USAGE + DONE);

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.deltas()).containsExactly("Hel", "lo");
        assertThat(decoded.reply().text()).isEqualTo("Hello");
        assertThat(decoded.reply().finishReason()).isEqualTo("stop");
        // prompt_tokens already includes cached_tokens: input stays 12,000, not 22,240
        assertThat(decoded.reply().usage()).isEqualTo(new Usage(12_000, 10_240, 0, 0, 500, 0, false));
    }

    @Test
    void reasoningTokensAreABreakdownInsideCompletionTokens() throws Exception {
        String usage = "data: " + HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":700,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":600}}}\n\n";
        Decoded decoded = decode(delta("x") + STOP + usage + DONE);

        assertThat(decoded.reply().usage()).isEqualTo(new Usage(100, 0, 0, 0, 700, 600, false));
    }

    @Test
    void streamCutBeforeTheUsageChunkHasNoUsage() throws Exception {
        Decoded decoded = decode(ROLE + delta("Partial ") + delta("answer") + STOP);

        assertThat(decoded.end()).isEqualTo(End.CUT);
        assertThat(decoded.reply().text()).isEqualTo("Partial answer");
        assertThat(decoded.reply().usage()).isNull();
    }

    @Test
    void streamCutAfterUsageButBeforeDoneKeepsTheReportedUsage() throws Exception {
        Decoded decoded = decode(delta("a") + STOP + USAGE);

        assertThat(decoded.end()).isEqualTo(End.CUT);
        assertThat(decoded.reply().usage().inputTokens()).isEqualTo(12_000);
    }

    @Test
    void serverWithoutIncludeUsageSupportCompletesWithoutUsage() throws Exception {
        Decoded decoded = decode(delta("hi") + STOP + DONE);

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.reply().usage()).isNull();
    }

    @Test
    void nothingAfterDoneIsRead() throws Exception {
        Decoded decoded = decode(delta("a") + STOP + USAGE + DONE + delta("ghost"));

        assertThat(decoded.reply().text()).isEqualTo("a");
    }

    @Test
    void errorEventAfterHttp200IsABrokenStream() {
        String error = "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";

        assertThatThrownBy(() -> decode(delta("half") + error))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
                    assertThat(e.getMessage()).contains("server_error", "error while processing");
                });
    }

    @Test
    void contentFilterStopIsContentBlockedWithTheUsage() {
        String filtered = "data: " + HEAD
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}],\"usage\":null}\n\n";

        assertThatThrownBy(() -> decode(delta("I can") + filtered + USAGE + DONE))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.reportedUsage().inputTokens()).isEqualTo(12_000);
                    assertThat(e.partialText()).isEqualTo("I can");
                });
    }

    @Test
    void malformedChunkFailsAsJson() {
        assertThatThrownBy(() -> decode(delta("a") + "data: {\"choices\":[{\"delta\":\n\n"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void sinkRefusalStopsReading() throws Exception {
        Decoded decoded = StreamFixture.decode(new OpenAiStreamDecoder(), delta("one") + delta("two") + delta("three"), 2);

        assertThat(decoded.end()).isEqualTo(End.CANCELLED);
        assertThat(decoded.deltas()).containsExactly("one", "two");
    }

    @Test
    void fieldsInAnyOrderUnknownNestingAndOnlyTheFirstChoice() throws Exception {
        String chunk = "data: {\"usage\":null,\"choices\":[{\"finish_reason\":null,\"logprobs\":{\"content\":"
                + "[{\"token\":\"x\",\"top_logprobs\":[]}]},\"delta\":{\"tool_calls\":[],\"content\":\"first\"}},"
                + "{\"delta\":{\"content\":\"second choice\"}}],\"system_fingerprint\":\"fp\"}\n\n";

        Decoded decoded = decode(chunk + chunk + STOP + USAGE + DONE);

        assertThat(decoded.reply().text()).isEqualTo("firstfirst");
        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
    }

    @Test
    void unicodeAndEscapesSurvive() throws Exception {
        Decoded decoded = decode(delta("Привет \\\"мир\\\"\\n") + STOP + DONE);

        assertThat(decoded.reply().text()).isEqualTo("Привет \"мир\"\n");
    }
}
