package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faults that break a call after it started: cut streams, error events after HTTP 200, hangs. */
class StreamFaultsTest {
    static Emulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(12).build());
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

    /** What a client read before the body ended or broke. */
    record Received(int status, String text, IOException failure) {
    }

    private Received read(Protocol protocol, boolean stream) throws Exception {
        HttpRequest request = client.callRequest(protocol, EmulatorClient.defaultModel(protocol), "k", stream,
                "What is a virtual environment?").build();
        HttpResponse<InputStream> res = client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (InputStream in = res.body()) {
            byte[] buf = new byte[256];
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
            return new Received(res.statusCode(), got.toString(StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Received(res.statusCode(), got.toString(StandardCharsets.UTF_8), e);
        }
    }

    private static String tokenText(Protocol protocol, List<EmulatorClient.Event> events) {
        StringBuilder text = new StringBuilder();
        for (EmulatorClient.Event e : events) {
            if (e.data().equals("[DONE]")) {
                continue;
            }
            JsonNode json = e.json();
            text.append(switch (protocol) {
                case GEMINI -> json.at("/candidates/0/content/parts/0/text").asText("");
                case OPENAI -> json.at("/choices/0/delta/content").asText("");
                case ANTHROPIC -> json.at("/delta/text").asText("");
            });
        }
        return text.toString();
    }

    private static int tokenEvents(Protocol protocol, List<EmulatorClient.Event> events) {
        return (int) events.stream().filter(e -> !e.data().equals("[DONE]")).filter(e -> switch (protocol) {
            case GEMINI -> e.json().has("candidates");
            case OPENAI -> !e.json().at("/choices/0/delta/content").asText("").isEmpty();
            case ANTHROPIC -> "content_block_delta".equals(e.name());
        }).count();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void cutStreamDropsTheConnectionAfterNTokensWithoutTheEndMarker(Protocol protocol) throws Exception {
        emulator.script(Fault.cutAfter(3));
        Received r = read(protocol, true);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.failure()).as("the client sees a broken body").isNotNull();
        String text = r.text().replace("\r\n", "\n");
        String complete = text.substring(0, text.lastIndexOf("\n\n") + 2);
        List<EmulatorClient.Event> events = events(complete);
        assertThat(tokenEvents(protocol, events)).isEqualTo(3);
        assertThat(r.text()).doesNotContain("[DONE]").doesNotContain("message_stop").doesNotContain("finishReason");
        CallRecord call = emulator.calls().getLast();
        assertThat(call.outcome()).isEqualTo("cut-stream");
        assertThat(call.usage().outputTokens()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void cutNonStreamedAnswerPromisesTheWholeBodyAndDeliversHalf(Protocol protocol) {
        emulator.script(Fault.cutAfter(3));
        assertThatThrownBy(() -> client.sendRaw(client.callRequest(protocol, EmulatorClient.defaultModel(protocol), "k",
                false, "q").build())).isInstanceOf(IOException.class);
        assertThat(emulator.calls().getLast().outcome()).isEqualTo("cut-stream");
    }

    @Test
    void geminiErrorEventIsADataChunkWithAnErrorObjectAfterHttp200() throws Exception {
        emulator.script(Fault.errorEventAfter(2));
        Received r = read(Protocol.GEMINI, true);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.failure()).isNull();
        List<EmulatorClient.Event> events = events(r.text());
        assertThat(events).hasSize(3);
        assertThat(tokenEvents(Protocol.GEMINI, events)).isEqualTo(2);
        JsonNode error = events.getLast().json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(503);
        assertThat(error.get("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.get("message").asText()).isNotBlank();
    }

    @Test
    void openAiErrorEventIsADataPayloadWithATopLevelErrorAndNoDone() throws Exception {
        emulator.script(Fault.errorEventAfter(2));
        Received r = read(Protocol.OPENAI, true);

        assertThat(r.status()).isEqualTo(200);
        List<EmulatorClient.Event> events = events(r.text());
        assertThat(tokenEvents(Protocol.OPENAI, events)).isEqualTo(2);
        JsonNode last = events.getLast().json();
        assertThat(last.has("choices")).isFalse();
        assertThat(last.at("/error/message").asText()).isNotBlank();
        assertThat(last.at("/error/type").asText()).isEqualTo("server_error");
        assertThat(r.text()).doesNotContain("[DONE]");
    }

    @Test
    void anthropicErrorEventIsANamedOverloadedErrorAndNoMessageStop() throws Exception {
        emulator.script(Fault.errorEventAfter(2));
        Received r = read(Protocol.ANTHROPIC, true);

        assertThat(r.status()).isEqualTo(200);
        List<EmulatorClient.Event> events = events(r.text());
        assertThat(events.getFirst().name()).isEqualTo("message_start");
        assertThat(tokenEvents(Protocol.ANTHROPIC, events)).isEqualTo(2);
        assertThat(events.getLast().name()).isEqualTo("error");
        assertThat(events.getLast().json().at("/error/type").asText()).isEqualTo("overloaded_error");
        assertThat(events).extracting(EmulatorClient.Event::name).doesNotContain("message_stop", "message_delta");
        assertThat(emulator.calls().getLast().usage().outputTokens()).isEqualTo(2);
    }

    @Test
    void errorEventNeverMatchesANonStreamedCallAndWaitsForAStream() throws Exception {
        emulator.script(Fault.errorEventAfter(1));
        HttpResponse<String> plain = client.call(Protocol.OPENAI, false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(emulator.pendingFaults()).hasSize(1);

        Received streamed = read(Protocol.OPENAI, true);
        assertThat(streamed.text()).contains("\"error\"");
        assertThat(emulator.pendingFaults()).isEmpty();
        assertThat(emulator.calls()).extracting(CallRecord::outcome).containsExactly("ok", "error-event");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void hangBeforeHeadersSendsNothingUntilTheClientGivesUp(Protocol protocol) {
        emulator.script(Fault.hangBeforeHeaders());
        HttpRequest request = client.callRequest(protocol, EmulatorClient.defaultModel(protocol), "k", true, "q")
                .timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.sendRaw(request)).isInstanceOf(HttpTimeoutException.class);
        assertThat(emulator.calls().getLast().outcome()).isEqualTo("hang-before-headers");
    }

    @Test
    void aFiniteHangBeforeHeadersEndsInANormalAnswer() {
        emulator.script(Fault.hangBeforeHeaders().hangFor(Duration.ofMillis(100)));
        HttpResponse<String> res = client.call(Protocol.GEMINI, true);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(events(res.body()).getLast().json().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void hangAfterHeadersSends200ButNoToken(Protocol protocol) throws Exception {
        String answer = tokenText(protocol, events(client.call(protocol, true).body()));
        String firstWord = answer.split(" ")[0];
        emulator.script(Fault.hangAfterHeaders());

        HttpResponse<InputStream> res = client.http().send(client.callRequest(protocol,
                EmulatorClient.defaultModel(protocol), "k", true, "What is a virtual environment?").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).isPresent();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (InputStream in = res.body()) {
                in.transferTo(got);
            } catch (IOException e) {
                // the connection is dropped when the emulator resets; not our concern here
            }
        });
        assertThatThrownBy(() -> reading.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(got.toString(StandardCharsets.UTF_8)).doesNotContain(firstWord);
        reading.cancel(true);
    }

    @Test
    void aFiniteHangAfterHeadersEndsInTheFullStream() {
        emulator.script(Fault.hangAfterHeaders().hangFor(Duration.ofMillis(100)));
        HttpResponse<String> res = client.call(Protocol.ANTHROPIC, true);

        assertThat(events(res.body()).getLast().name()).isEqualTo("message_stop");
    }

    @Test
    void closingTheEmulatorEndsAHangAtOnce() throws Exception {
        try (Emulator other = Emulator.start(EmulatorSettings.instant())) {
            other.script(Fault.hangBeforeHeaders());
            EmulatorClient otherClient = new EmulatorClient(other);
            CompletableFuture<HttpResponse<String>> call = otherClient.http().sendAsync(
                    otherClient.callRequest(Protocol.OPENAI, "m", "k", false, "q").build(),
                    HttpResponse.BodyHandlers.ofString());
            org.awaitility.Awaitility.await().until(() -> !other.calls().isEmpty());
            other.close();
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        }
    }
}
