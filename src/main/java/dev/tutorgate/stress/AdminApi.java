package dev.tutorgate.stress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The admin API calls of a stress run: {@code POST /api/admin/students} to create the students, and
 * the configured per-student limit from {@code GET /api/admin/summary} where the server says it.
 * Failures become a {@link StressSetupException} with a sentence that says what to do; the token
 * never appears in one.
 */
final class AdminApi {
    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Duration timeout;

    AdminApi(HttpClient http, URI base, String token, Duration timeout) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** Creates one student and returns the token the server issued for it. */
    StudentToken createStudent(String name) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/admin/students"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", name))))
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status == 401) {
            throw new StressSetupException("the server refused the admin token (401): use the token `tutorgate serve` "
                    + "printed at start, or admin.token from its configuration");
        }
        if (status == 403) {
            throw new StressSetupException("that token is not the admin token (403; a student's token?): "
                    + "pass the admin token with --admin-token");
        }
        if (status == 404) {
            throw new StressSetupException(base + " has no /api/admin/students (404): is this a tutorgate server?");
        }
        JsonNode body = parse(response.body());
        String issued = body == null ? null : body.path("token").asText(null);
        if (status / 100 != 2 || issued == null || issued.isBlank()) {
            throw new StressSetupException("could not create the student " + name + ": the server answered "
                    + status + errorCode(body));
        }
        if (!issued.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new StressSetupException("the server issued a token for " + name
                    + " that cannot be sent in an Authorization header");
        }
        return new StudentToken(name, issued);
    }

    /**
     * {@code limits.studentRequestsPerMinute} from the admin summary, when the server publishes it
     * there; empty when the endpoint or the field is missing.
     */
    OptionalInt studentRequestsPerMinute() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/admin/summary"))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            return OptionalInt.empty();
        }
        JsonNode body = parse(response.body());
        JsonNode limit = body == null ? null : body.path("limits").path("studentRequestsPerMinute");
        return limit != null && limit.isIntegralNumber() && limit.asInt() > 0
                ? OptionalInt.of(limit.asInt()) : OptionalInt.empty();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new StressSetupException(base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new StressSetupException("cannot connect to " + base + ": is `tutorgate serve` running there?");
        } catch (IOException e) {
            throw new StressSetupException("cannot talk to " + base + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StressSetupException("interrupted while talking to " + base);
        }
    }

    private static String errorCode(JsonNode body) {
        String code = body == null ? null : body.path("error").path("code").asText(null);
        return code == null ? "" : " " + code;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : ChatCaller.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String json(Map<String, String> fields) {
        try {
            return ChatCaller.JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serialises", e);
        }
    }
}
