package dev.tutorgate.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.provider.ModelCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicRequestBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ModelCall call(String system, Double temperature) {
        return new ModelCall("claude-sonnet-4-5", system,
                List.of(ChatMessage.user("Q1"), ChatMessage.assistant("A1"), ChatMessage.user("Q2")),
                1024, temperature, "ignored-by-anthropic", null);
    }

    @Test
    void systemPromptIsACachedTextBlock() throws Exception {
        JsonNode body = JSON.readTree(AnthropicRequestBuilder.build(call("Tutor. Course: …", 0.2), true,
                CacheTtl.FIVE_MINUTES).text());

        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.get("system")).hasSize(1);
        assertThat(body.at("/system/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/system/0/text").asText()).isEqualTo("Tutor. Course: …");
        assertThat(body.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(body.at("/system/0/cache_control").has("ttl")).isFalse();
        assertThat(body.get("messages")).hasSize(3);
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/2/content").asText()).isEqualTo("Q2");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("stream").asBoolean()).isTrue();
    }

    @Test
    void oneHourTtlIsSentExplicitly() throws Exception {
        JsonNode body = JSON.readTree(AnthropicRequestBuilder.build(call("S", null), false, CacheTtl.ONE_HOUR).text());

        assertThat(body.at("/system/0/cache_control/ttl").asText()).isEqualTo("1h");
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void noSystemWithoutASystemPromptAndTemperatureClampedToAnthropicsRange() throws Exception {
        JsonNode body = JSON.readTree(AnthropicRequestBuilder.build(call("", 1.7), false, CacheTtl.FIVE_MINUTES).text());

        assertThat(body.has("system")).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(1.0);
    }
}
