package dev.tutorgate.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request shape, endpoints and the non-streamed response of the Gemini protocol. */
class GeminiRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCall CALL = new ModelCall("gemini-2.5-flash", "Tutor instructions + course",
            List.of(ChatMessage.user("Q1"), ChatMessage.assistant("A1"), ChatMessage.user("Q2")), 700, 0.4, "k", null);

    @Test
    void systemInstructionContentsAndGenerationConfig() throws Exception {
        JsonNode body = JSON.readTree(GeminiRequestBuilder.build(CALL).text());

        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Tutor instructions + course");
        assertThat(body.get("contents")).hasSize(3);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/1/role").asText()).isEqualTo("model");
        assertThat(body.at("/contents/2/parts/0/text").asText()).isEqualTo("Q2");
        assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(700);
        assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.4);
    }

    @Test
    void endpointsForPlainAndStreamedCalls() {
        GeminiProtocol protocol = new GeminiProtocol("https://generativelanguage.googleapis.com/");

        assertThat(protocol.endpoint(CALL, false).toString()).isEqualTo(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(protocol.endpoint(CALL, true).toString()).isEqualTo(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        ModelCall prefixed = new ModelCall("models/gemini-2.5-pro", "", CALL.messages(), 5, null, null, null);
        assertThat(new GeminiProtocol("http://127.0.0.1:9/v1beta").endpoint(prefixed, false).toString())
                .isEqualTo("http://127.0.0.1:9/v1beta/models/gemini-2.5-pro:generateContent");
    }

    @Test
    void nonStreamedResponse() throws Exception {
        ProviderReply reply = GeminiResponseMapper.reply(stream("{\"candidates\": [{\"content\": {\"parts\": "
                + "[{\"text\": \"One \"}, {\"text\": \"answer\"}],\"role\": \"model\"},\"finishReason\": \"STOP\"}],"
                + "\"usageMetadata\": {\"promptTokenCount\": 3000,\"cachedContentTokenCount\": 2048,"
                + "\"candidatesTokenCount\": 40,\"thoughtsTokenCount\": 60,\"totalTokenCount\": 3100}}"),
                RateLimitSnapshot.NONE);

        assertThat(reply.text()).isEqualTo("One answer");
        assertThat(reply.usage()).isEqualTo(new Usage(3000, 2048, 0, 0, 100, 60, false));
        assertThat(reply.rateLimits()).isEqualTo(RateLimitSnapshot.NONE);
    }

    @Test
    void blockedPromptCarriesItsUsage() {
        assertThatThrownBy(() -> GeminiResponseMapper.reply(stream("{\"promptFeedback\": {\"blockReason\": "
                + "\"PROHIBITED_CONTENT\"},\"usageMetadata\": {\"promptTokenCount\": 12}}"), RateLimitSnapshot.NONE))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_BLOCKED);
                    assertThat(e.reportedUsage()).isEqualTo(Usage.of(12, 0));
                });
    }

    @Test
    void responseWithoutCandidatesIsBroken() {
        assertThatThrownBy(() -> GeminiResponseMapper.reply(stream("{\"usageMetadata\": {}}"), RateLimitSnapshot.NONE))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.STREAM_BROKEN));
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
