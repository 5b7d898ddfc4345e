package dev.tutorgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.StreamDecoder.End;
import dev.tutorgate.provider.StreamFixture;
import dev.tutorgate.provider.StreamFixture.Decoded;
import org.junit.jupiter.api.Test;

class GeminiStreamDecoderTest {

    static String chunk(String text, String finishReason, String usage) {
        return "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + text + "\"}],\"role\": \"model\"}"
                + (finishReason == null ? "" : ",\"finishReason\": \"" + finishReason + "\"")
                + ",\"index\": 0}],\"usageMetadata\": " + usage + ",\"modelVersion\": \"gemini-2.5-flash\","
                + "\"responseId\": \"abc\"}\r\n\r\n";
    }

    static String usage(int prompt, int cached, int candidates, int thoughts) {
        return "{\"promptTokenCount\": " + prompt + ",\"cachedContentTokenCount\": " + cached
                + ",\"candidatesTokenCount\": " + candidates + ",\"thoughtsTokenCount\": " + thoughts
                + ",\"totalTokenCount\": " + (prompt + candidates + thoughts) + "}";
    }

    private static Decoded decode(String body) throws Exception {
        return StreamFixture.decode(new GeminiStreamDecoder(), body);
    }

    @Test
    void cumulativeUsageIsTakenFromTheLastChunk() throws Exception {
        // provider-facts §0: prompt 12,000 of which 10,000 cached, candidates 500, thoughts 1,500
        Decoded decoded = decode(chunk("Hello", null, usage(12_000, 10_000, 3, 1_500))
                + chunk(" there", null, usage(12_000, 10_000, 250, 1_500))
                + chunk("!", "STOP", usage(12_000, 10_000, 500, 1_500)));

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.reply().text()).isEqualTo("Hello there!");
        assertThat(decoded.reply().finishReason()).isEqualTo("STOP");
        // cached stays inside input (not 22,000); thoughts are added to output (2,000, not 500)
        assertThat(decoded.reply().usage()).isEqualTo(new Usage(12_000, 10_000, 0, 0, 2_000, 1_500, false));
    }

    @Test
    void lastEventMayCarryOnlyFinishReasonAndUsage() throws Exception {
        String last = "data: {\"candidates\": [{\"content\": {\"role\": \"model\"},\"finishReason\": \"STOP\"}],"
                + "\"usageMetadata\": " + usage(10, 0, 7, 0) + "}\n\n";

        Decoded decoded = decode(chunk("Hi", null, usage(10, 0, 1, 0)) + last);

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.reply().usage()).isEqualTo(Usage.of(10, 7));
    }

    @Test
    void toolUsePromptTokensCountAsInput() throws Exception {
        String usage = "{\"promptTokenCount\": 100,\"toolUsePromptTokenCount\": 40,\"candidatesTokenCount\": 5}";

        assertThat(decode(chunk("x", "STOP", usage)).reply().usage()).isEqualTo(Usage.of(140, 5));
    }

    @Test
    void thoughtPartsAreNotAnswerText() throws Exception {
        String body = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Thinking**\", \"thought\": true},"
                + "{\"text\": \"Answer\"}]},\"finishReason\": \"STOP\"}]}\n\n";

        assertThat(decode(body).reply().text()).isEqualTo("Answer");
    }

    @Test
    void bodyEndingWithoutFinishReasonIsCut() throws Exception {
        Decoded decoded = decode(chunk("Hello", null, usage(50, 0, 3, 0)) + chunk(" wor", null, usage(50, 0, 6, 0)));

        assertThat(decoded.end()).isEqualTo(End.CUT);
        assertThat(decoded.reply().text()).isEqualTo("Hello wor");
        assertThat(decoded.reply().usage()).isEqualTo(Usage.of(50, 6)); // the usage reported so far
    }

    @Test
    void errorChunkAfterHttp200IsABrokenStream() {
        String error = "data: {\"error\": {\"code\": 503,\"message\": \"The model is overloaded. Please try again later.\","
                + "\"status\": \"UNAVAILABLE\"}}\n\n";

        assertThatThrownBy(() -> decode(chunk("Half", null, usage(5, 0, 1, 0)) + error))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN);
                    assertThat(e.getMessage()).contains("UNAVAILABLE", "overloaded");
                });
    }

    @Test
    void blockedPromptIsContentBlocked() {
        String blocked = "data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\",\"safetyRatings\": []},"
                + "\"usageMetadata\": {\"promptTokenCount\": 9,\"totalTokenCount\": 9}}\n\n";

        assertThatThrownBy(() -> decode(blocked)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
            assertThat(e.getMessage()).contains("SAFETY");
        });
    }

    @Test
    void safetyFinishIsContentBlocked() {
        assertThatThrownBy(() -> decode(chunk("Some", null, usage(5, 0, 1, 0)) + chunk("", "SAFETY", usage(5, 0, 1, 0))))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED));
    }

    @Test
    void maxTokensFinishIsANormalEnd() throws Exception {
        Decoded decoded = decode(chunk("truncated", "MAX_TOKENS", usage(5, 0, 8, 0)));

        assertThat(decoded.end()).isEqualTo(End.COMPLETE);
        assertThat(decoded.reply().finishReason()).isEqualTo("MAX_TOKENS");
    }
}
