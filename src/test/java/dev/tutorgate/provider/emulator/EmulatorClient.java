package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP against an emulator, as a provider client would speak it (JDK HttpClient, no helpers of ours). */
final class EmulatorClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GEMINI_FLASH = "gemini-2.5-flash";
    static final String GPT_MINI = "gpt-4.1-mini";
    static final String SONNET = "claude-sonnet-4-5";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    EmulatorClient(Emulator emulator) {
        this.base = emulator.baseUrl();
    }

    /** One server-sent event: its name (null when the stream has none) and its data. */
    record Event(String name, String data) {
        JsonNode json() {
            return parse(data);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and lets transport failures through, for tests that expect them. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    // ------------------------------------------------------------------ per protocol

    HttpResponse<String> gemini(String model, boolean stream, String body) {
        String path = "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return post(path, body, "x-goog-api-key", "g-key");
    }

    HttpResponse<String> openai(String body) {
        return post("/v1/chat/completions", body, "Authorization", "Bearer sk-test-key");
    }

    HttpResponse<String> anthropic(String body) {
        return post("/v1/messages", body, "x-api-key", "a-key", "anthropic-version", "2023-06-01");
    }

    /** A call of {@code protocol} with the given model and key, streamed or not. */
    HttpResponse<String> call(Protocol protocol, String model, String key, boolean stream) {
        try {
            return sendRaw(callRequest(protocol, model, key, stream, "What is a virtual environment?").build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> call(Protocol protocol, boolean stream) {
        return call(protocol, defaultModel(protocol), "test-key", stream);
    }

    static String defaultModel(Protocol protocol) {
        return switch (protocol) {
            case GEMINI -> GEMINI_FLASH;
            case OPENAI -> GPT_MINI;
            case ANTHROPIC -> SONNET;
        };
    }

    HttpRequest.Builder callRequest(Protocol protocol, String model, String key, boolean stream, String question) {
        String q = JSON.valueToTree(question).toString();
        return switch (protocol) {
            case GEMINI -> request("/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"))
                    .header("x-goog-api-key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":" + q + "}]}]}"));
            case OPENAI -> request("/v1/chat/completions")
                    .header("Authorization", "Bearer " + key)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream
                            + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                            + ",\"messages\":[{\"role\":\"user\",\"content\":" + q + "}]}"));
            case ANTHROPIC -> request("/v1/messages")
                    .header("x-api-key", key).header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"max_tokens\":1024,\"stream\":"
                            + stream + ",\"messages\":[{\"role\":\"user\",\"content\":" + q + "}]}"));
        };
    }

    // ------------------------------------------------------------------ parsing

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Splits an SSE body into events (blank-line separated; LF or CRLF line ends). */
    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            if (block.isBlank()) {
                continue;
            }
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                } else {
                    throw new AssertionError("unexpected SSE line: " + line);
                }
            }
            events.add(new Event(name, data.toString()));
        }
        return events;
    }
}
