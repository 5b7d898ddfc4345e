package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hundreds of paced streams at once, and a script consumed by concurrent calls. */
class ConcurrencyTest {
    private static final int STREAMS = 300;

    private static boolean ended(Protocol protocol, String body) {
        return switch (protocol) {
            case GEMINI -> events(body).getLast().json().at("/candidates/0/finishReason").asText().equals("STOP");
            case OPENAI -> body.endsWith("data: [DONE]\n\n");
            case ANTHROPIC -> events(body).getLast().name().equals("message_stop");
        };
    }

    @Test
    void hundredsOfOverlappingStreamsAllFinishWhole() throws Exception {
        EmulatorSettings paced = EmulatorSettings.builder().ttftMs(200).tokensPerSecond(100).answerTokens(20).build();
        try (Emulator emulator = Emulator.start(paced)) {
            EmulatorClient client = new EmulatorClient(emulator);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            List<Protocol> protocols = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                Protocol protocol = Protocol.values()[i % 3];
                protocols.add(protocol);
                calls.add(client.http().sendAsync(client.callRequest(protocol, EmulatorClient.defaultModel(protocol),
                        "key-" + (i % 7), true, "Question number " + i).build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            for (int i = 0; i < STREAMS; i++) {
                HttpResponse<String> res = calls.get(i).join();
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(ended(protocols.get(i), res.body())).as("stream %d ended properly", i).isTrue();
            }
            List<CallRecord> recorded = emulator.calls();
            assertThat(recorded).hasSize(STREAMS).allSatisfy(c -> {
                assertThat(c.ok()).isTrue();
                assertThat(c.usage().outputTokens()).isEqualTo(20);
            });
            assertThat(recorded).extracting(CallRecord::requestId).doesNotHaveDuplicates();
        }
    }

    @Test
    void concurrentCallsConsumeEachScriptedFaultExactlyOnce() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorSettings.builder().answerTokens(3).build())) {
            EmulatorClient client = new EmulatorClient(emulator);
            emulator.script(Fault.of(FaultKind.UNAVAILABLE).times(40), Fault.of(FaultKind.SERVER_ERROR).times(10));
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Protocol protocol = Protocol.values()[i % 3];
                calls.add(client.http().sendAsync(client.callRequest(protocol, EmulatorClient.defaultModel(protocol),
                        "k", i % 2 == 0, "q" + i).build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            List<Integer> statuses = calls.stream().map(c -> c.join().statusCode()).toList();
            assertThat(statuses).filteredOn(s -> s == 503).hasSize(40);
            assertThat(statuses).filteredOn(s -> s == 500).hasSize(10);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(70);
            assertThat(emulator.pendingFaults()).isEmpty();
        }
    }
}
