package dev.tutorgate.provider;

import static dev.tutorgate.provider.UpstreamServer.json;
import static dev.tutorgate.provider.UpstreamServer.send;
import static dev.tutorgate.provider.UpstreamServer.startSse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each vendor's paths, headers and bodies over real HTTP, through the factory. */
class VendorsOverHttpTest {
    private UpstreamServer server;

    @BeforeEach
    void start() throws IOException {
        server = new UpstreamServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ModelCall call(String model) {
        return new ModelCall(model, "SYSTEM", java.util.List.of(dev.tutorgate.core.ChatMessage.user("Q")), 50, null,
                "prefix-1", HttpChatProviderTest.RELAXED);
    }

    @Test
    void geminiPlainAndStreamed() throws Exception {
        try (ChatProvider gemini = HttpChatProviderTest.provider(ProviderType.GEMINI, server.url() + "/")) {
            server.handle(exchange -> json(exchange, 200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]},"
                    + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":1}}"));
            ProviderReply plain = gemini.complete(call("gemini-2.5-flash"), new ApiKey("g#1", "AIza-secret"));

            server.handle(exchange -> {
                OutputStream out = startSse(exchange);
                send(out, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":1}}\r\n\r\n");
                send(out, "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]},\"finishReason\":\"STOP\"}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":2}}\r\n\r\n");
            });
            ProviderReply streamed = gemini.stream(call("gemini-2.5-flash"), new ApiKey("g#1", "AIza-secret"),
                    TextSink.DISCARD);

            assertThat(plain.text()).isEqualTo("Hi");
            assertThat(streamed.text()).isEqualTo("Hello");
            assertThat(streamed.usage()).isEqualTo(Usage.of(10, 2));
            UpstreamServer.Received first = server.received().get(0);
            UpstreamServer.Received second = server.received().get(1);
            assertThat(first.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
            assertThat(second.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
            assertThat(second.query()).isEqualTo("alt=sse");
            assertThat(first.headers().getFirst("x-goog-api-key")).isEqualTo("AIza-secret");
            assertThat(first.query()).as("the key never goes into the URL").isNull();
            assertThat(first.body()).contains("\"systemInstruction\"");
        }
    }

    @Test
    void anthropicPlainAndStreamedWithRateLimitHeaders() throws Exception {
        try (ChatProvider anthropic = HttpChatProviderTest.provider(ProviderType.ANTHROPIC, server.url())) {
            String[] limits = {"anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "49",
                    "anthropic-ratelimit-requests-reset", "2026-03-01T12:00:01Z"};
            server.handle(exchange -> json(exchange, 200, "{\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
                    + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":1000,"
                    + "\"output_tokens\":2}}", limits));
            ProviderReply plain = anthropic.complete(call("claude-sonnet-4-5"), new ApiKey("a#1", "sk-ant-secret"));

            server.handle(exchange -> {
                OutputStream out = startSse(exchange, limits);
                send(out, "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                        + "{\"input_tokens\":5,\"cache_read_input_tokens\":1000,\"output_tokens\":1}}}\n\n");
                send(out, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n");
                send(out, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\nevent: message_stop\n"
                        + "data: {\"type\":\"message_stop\"}\n\n");
            });
            ProviderReply streamed = anthropic.stream(call("claude-sonnet-4-5"), new ApiKey("a#1", "sk-ant-secret"),
                    TextSink.DISCARD);

            assertThat(plain.usage()).isEqualTo(new Usage(1005, 1000, 0, 0, 2, 0, false));
            assertThat(streamed.text()).isEqualTo("Hello");
            assertThat(streamed.usage()).isEqualTo(new Usage(1005, 1000, 0, 0, 3, 0, false));
            assertThat(streamed.rateLimits().requestsRemaining()).isEqualTo(49L);
            assertThat(streamed.rateLimits().requestsReset()).isEqualTo(Instant.parse("2026-03-01T12:00:01Z"));
            UpstreamServer.Received request = server.received().get(1);
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.headers().getFirst("x-api-key")).isEqualTo("sk-ant-secret");
            assertThat(request.headers().getFirst("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(request.body()).contains("\"cache_control\":{\"type\":\"ephemeral\"}");
        }
    }

    @Test
    void openAiCompatibleWithV1InTheBaseUrlAndNoKey() throws Exception {
        try (ChatProvider vllm = HttpChatProviderTest.provider(ProviderType.OPENAI_COMPATIBLE, server.url() + "/v1/")) {
            server.handle(exchange -> json(exchange, 200, "{\"choices\":[{\"message\":{\"content\":\"Hi\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}"));

            ProviderReply reply = vllm.complete(call("meta-llama/Llama-3.1-8B-Instruct"), new ApiKey("local", ""));

            assertThat(reply.text()).isEqualTo("Hi");
            UpstreamServer.Received request = server.received().get(0);
            assertThat(request.path()).isEqualTo("/v1/chat/completions");
            assertThat(request.headers().containsKey("authorization")).isFalse();
            assertThat(request.body()).contains("\"max_tokens\":50").doesNotContain("prompt_cache_key");
        }
    }
}
