package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Oversized bodies, the call record's bound, and the configured latency. */
class RequestLimitsTest {
    static Emulator emulator;
    static EmulatorClient client;
    static final String BIG_TEXT = "x".repeat(5000);

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(3).maxBodyBytes(2048).build());
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

    @Test
    void bodiesOverTheLimitGetEachProvidersTooLargeError() {
        String messages = "\"messages\":[{\"role\":\"user\",\"content\":\"" + BIG_TEXT + "\"}]";
        HttpResponse<String> anthropic = client.anthropic("{\"model\":\"m\",\"max_tokens\":5," + messages + "}");
        assertThat(anthropic.statusCode()).isEqualTo(413);
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("request_too_large");

        HttpResponse<String> openai = client.openai("{\"model\":\"m\"," + messages + "}");
        assertThat(openai.statusCode()).isEqualTo(413);
        assertThat(parse(openai.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

        HttpResponse<String> gemini = client.gemini("gemini-2.5-flash", false,
                "{\"contents\":[{\"parts\":[{\"text\":\"" + BIG_TEXT + "\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(400);
        assertThat(parse(gemini.body()).at("/error/message").asText()).startsWith("Request payload size exceeds the limit: 2048 bytes");
        assertThat(emulator.calls()).extracting(CallRecord::outcome).containsOnly("too-large");
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsMeasuredToo() {
        byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + BIG_TEXT + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher sized = HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.BodyPublisher unsized = new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1; // sent chunked
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                sized.subscribe(subscriber);
            }
        };
        HttpResponse<String> res = client.send(client.request("/v1/chat/completions")
                .header("Authorization", "Bearer k").POST(unsized).build());

        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void theCallRecordKeepsOnlyTheNewestCalls() {
        emulator.settings(emulator.settings().toBuilder().maxRecordedCalls(3).build());
        for (int i = 0; i < 5; i++) {
            client.call(Protocol.OPENAI, "model-" + i, "k", false);
        }
        assertThat(emulator.calls()).extracting(CallRecord::model).containsExactly("model-2", "model-3", "model-4");
    }

    @Test
    void latencyDelaysTheHeaders() {
        emulator.settings(emulator.settings().toBuilder().latencyMs(5_000).build());
        HttpRequest request = client.callRequest(Protocol.GEMINI, "gemini-2.5-flash", "k", false, "q")
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.sendRaw(request)).isInstanceOf(HttpTimeoutException.class);
    }
}
