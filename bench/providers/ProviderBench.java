package bench;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.TextSink;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ReplyAccumulator;
import dev.tutorgate.provider.SseReader;
import dev.tutorgate.provider.StreamDecoder;
import dev.tutorgate.provider.WireProtocol;
import dev.tutorgate.provider.anthropic.AnthropicProtocol;
import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.gemini.GeminiProtocol;
import dev.tutorgate.provider.openai.OpenAiDialect;
import dev.tutorgate.provider.openai.OpenAiProtocol;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The provider clients' own cost (bench/providers/run.sh):
 * <ul>
 *   <li>{@code decode*}: decoding a 200-chunk streamed answer from memory (SSE framing + JSON), per answer;
 *   <li>{@code requestBody}: serialising a request whose system prompt holds a 30,000-character course;
 *   <li>{@code streamThroughProvider} vs {@code rawHttpClient}: one streamed call to the instant emulator
 *       through {@code ChatProvider.stream}, against the bare JDK client reading the same response to its end
 *       without parsing — the difference is what decoding, timeouts and bookkeeping add to a real call.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderBench {
    private static final int CHUNKS = 200;

    @Param({"openai", "anthropic", "gemini"})
    public String protocol;

    private WireProtocol wire;
    private byte[] streamBody;
    private ModelCall call;
    private Emulator emulator;
    private ChatProvider provider;
    private HttpClient raw;
    private HttpRequest rawRequest;
    private final ApiKey key = new ApiKey("bench", "bench-key");

    @Setup(Level.Trial)
    public void setUp() {
        String course = "# Lesson\nA variable names a value. ".repeat(1000).substring(0, 30_000);
        call = new ModelCall(model(), "You are a tutor.\n" + course, List.of(ChatMessage.user("What is a variable?")),
                200, 0.2, "course-v1", null);
        wire = switch (protocol) {
            case "openai" -> new OpenAiProtocol("http://127.0.0.1:1", OpenAiDialect.OPENAI);
            case "anthropic" -> new AnthropicProtocol("http://127.0.0.1:1");
            default -> new GeminiProtocol("http://127.0.0.1:1");
        };
        streamBody = streamBody().getBytes(StandardCharsets.UTF_8);

        emulator = Emulator.start(EmulatorSettings.instant());
        ProviderType type = ProviderType.fromId(protocol);
        provider = ChatProviders.create(new TutorgateConfig.Provider("bench", type, emulator.baseUrl(), List.of(),
                null, "tier1", null));
        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        WireProtocol emulatorWire = switch (protocol) {
            case "openai" -> new OpenAiProtocol(emulator.baseUrl(), OpenAiDialect.OPENAI);
            case "anthropic" -> new AnthropicProtocol(emulator.baseUrl());
            default -> new GeminiProtocol(emulator.baseUrl());
        };
        HttpRequest.Builder builder = HttpRequest.newBuilder(emulatorWire.endpoint(call, true))
                .header("content-type", "application/json").header("accept", "text/event-stream")
                .POST(emulatorWire.body(call, true).publisher());
        emulatorWire.authenticate(builder, key);
        rawRequest = builder.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        provider.close();
        raw.shutdownNow();
        emulator.close();
    }

    private String model() {
        return switch (protocol) {
            case "openai" -> "gpt-4.1-mini";
            case "anthropic" -> "claude-sonnet-4-5";
            default -> "gemini-2.5-flash";
        };
    }

    /** A 200-chunk answer in the protocol's framing, one word per chunk, usage at the end. */
    private String streamBody() {
        StringBuilder s = new StringBuilder();
        switch (protocol) {
            case "openai" -> {
                for (int i = 0; i < CHUNKS; i++) {
                    s.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                            + "\"model\":\"gpt-4.1-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word")
                            .append(i).append("\"},\"finish_reason\":null}],\"usage\":null}\n\n");
                }
                s.append("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9000,\"completion_tokens\":200,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":8000}}}\n\ndata: [DONE]\n\n");
            }
            case "anthropic" -> {
                s.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":"
                        + "{\"input_tokens\":10,\"cache_read_input_tokens\":9000,\"output_tokens\":1}}}\n\n");
                for (int i = 0; i < CHUNKS; i++) {
                    s.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":\" word").append(i).append("\"}}\n\n");
                }
                s.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"end_turn\"},\"usage\":{\"output_tokens\":200}}\n\nevent: message_stop\n"
                        + "data: {\"type\":\"message_stop\"}\n\n");
            }
            default -> {
                for (int i = 0; i < CHUNKS; i++) {
                    s.append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" word").append(i)
                            .append("\"}],\"role\":\"model\"}").append(i == CHUNKS - 1 ? ",\"finishReason\":\"STOP\"" : "")
                            .append(",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":9000,"
                                    + "\"cachedContentTokenCount\":8000,\"candidatesTokenCount\":").append(i + 1)
                            .append(",\"totalTokenCount\":").append(9001 + i).append("}}\r\n\r\n");
                }
            }
        }
        return s.toString();
    }

    @Benchmark
    public Object decodeStream() throws Exception {
        SseReader sse = new SseReader(new ByteArrayInputStream(streamBody), 4 << 20);
        ReplyAccumulator reply = new ReplyAccumulator(TextSink.DISCARD, () -> { });
        StreamDecoder.readAll(sse, wire.streamDecoder(), reply);
        return reply.usage();
    }

    @Benchmark
    public Object requestBody() {
        return wire.body(call, true);
    }

    @Benchmark
    public Object streamThroughProvider() throws Exception {
        return provider.stream(call, key, TextSink.DISCARD);
    }

    @Benchmark
    public long rawHttpClient() throws Exception {
        HttpResponse<InputStream> response = raw.send(rawRequest, HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            int r;
            while ((r = in.read(buffer)) >= 0) {
                n += r;
            }
        }
        return n;
    }
}
