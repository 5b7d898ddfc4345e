package dev.tutorgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.provider.ModelCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ModelCall call(Double temperature, String cacheKey) {
        return new ModelCall("gpt-4.1-mini", "You are a tutor.\n# Course\nLesson 1 \"quoted\"",
                List.of(ChatMessage.user("What is a monad?"), ChatMessage.assistant("A monoid in…"),
                        ChatMessage.user("Explain again")),
                800, temperature, cacheKey, null);
    }

    private static JsonNode build(ModelCall call, boolean stream, OpenAiDialect dialect) throws Exception {
        return JSON.readTree(OpenAiRequestBuilder.build(call, stream, dialect).text());
    }

    @Test
    void openAiStreamedRequest() throws Exception {
        JsonNode body = build(call(0.3, "course-v7"), true, OpenAiDialect.OPENAI);

        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.get("messages")).hasSize(4);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("You are a tutor.\n# Course\nLesson 1 \"quoted\"");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/messages/3/content").asText()).isEqualTo("Explain again");
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(800);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(body.get("prompt_cache_key").asText()).isEqualTo("course-v7");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void compatibleServersGetMaxTokensAndNoCacheKey() throws Exception {
        JsonNode body = build(call(null, "course-v7"), true, OpenAiDialect.COMPATIBLE);

        assertThat(body.get("max_tokens").asInt()).isEqualTo(800);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("prompt_cache_key")).isFalse();
        assertThat(body.has("temperature")).isFalse();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void nonStreamedRequestHasNoStreamFields() throws Exception {
        JsonNode body = build(call(null, null), false, OpenAiDialect.OPENAI);

        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.has("prompt_cache_key")).isFalse();
    }

    @Test
    void noSystemMessageWithoutASystemPrompt() throws Exception {
        ModelCall call = new ModelCall("m", "", List.of(ChatMessage.user("hi")), 10, null, null, null);

        assertThat(build(call, false, OpenAiDialect.OPENAI).at("/messages/0/role").asText()).isEqualTo("user");
    }

    @Test
    void systemPromptIsByteIdenticalAcrossCallsSoThePrefixCacheHits() {
        String first = OpenAiRequestBuilder.build(call(null, "k"), true, OpenAiDialect.OPENAI).text();
        String second = OpenAiRequestBuilder.build(new ModelCall("gpt-4.1-mini", call(null, "k").systemPrompt(),
                List.of(ChatMessage.user("A different question")), 800, null, "k", null), true, OpenAiDialect.OPENAI).text();
        String prefix = "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"system\",\"content\":";

        assertThat(first).startsWith(prefix);
        assertThat(second).startsWith(prefix);
        int systemEnd = first.indexOf("},{");
        assertThat(second.substring(0, systemEnd)).isEqualTo(first.substring(0, systemEnd));
    }
}
