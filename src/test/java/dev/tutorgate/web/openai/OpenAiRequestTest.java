package dev.tutorgate.web.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.core.Role;
import dev.tutorgate.web.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiRequestTest {
    private static OpenAiRequest parse(String json) {
        return OpenAiRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLastUserMessageIsTheQuestionAndEarlierTurnsTheHistory() {
        OpenAiRequest r = parse("""
                {"model": "gpt-4.1-mini", "stream": true, "stream_options": {"include_usage": false},
                 "temperature": 0.3, "tools": [{"type": "function", "function": {"name": "x", "parameters": {}}}],
                 "messages": [
                   {"role": "system", "content": "be brief"},
                   {"role": "user", "content": "What is HTTP?", "name": "ann"},
                   {"role": "assistant", "content": null, "tool_calls": [{"id": "1"}]},
                   {"role": "tool", "content": "{}", "tool_call_id": "1"},
                   {"role": "assistant", "content": "A protocol."},
                   {"role": "user", "content": [{"type": "text", "text": "And"}, {"type": "text", "text": "REST?"}]}]}""");
        assertThat(r.model()).isEqualTo("gpt-4.1-mini");
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isFalse();
        assertThat(r.question()).isEqualTo("And\nREST?");
        assertThat(r.history()).containsExactly(ChatMessage.user("What is HTTP?"), ChatMessage.assistant("A protocol."));
        assertThat(r.history()).extracting(ChatMessage::role).containsExactly(Role.USER, Role.ASSISTANT);
    }

    @Test
    void defaults() {
        OpenAiRequest r = parse("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
        assertThat(r.model()).isEqualTo("auto");
        assertThat(r.stream()).isFalse();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.history()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"messages\": [", "{\"messages\": []} trailing", "nope", "{\"a\": tru}"})
    void malformedJsonIsInvalidJson(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]", "\"text\"", "{}", "{\"messages\": {}}", "{\"messages\": [1]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": 5}]}",
            "{\"messages\": [{\"role\": \"user\"}]}",
            "{\"messages\": [{\"role\": \"system\", \"content\": \"only a system message\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"input_audio\"}]}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": [\"text\"]}]}",
            "{\"model\": [\"a\"], \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
            "{\"stream\": 1, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
            "{\"stream_options\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
    })
    void wrongShapesAreInvalidRequests(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
