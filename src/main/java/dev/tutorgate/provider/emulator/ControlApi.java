package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator's HTTP control API under {@code /_emulator/}, on the same port as the protocols:
 *
 * <ul>
 *   <li>{@code GET /_emulator} — base URL, endpoints, current counts
 *   <li>{@code GET /_emulator/settings}; {@code PUT /_emulator/settings} with some fields (and
 *       optionally {@code "profile"}, which starts from that profile) — returns the new settings
 *   <li>{@code GET /_emulator/faults}; {@code POST /_emulator/faults} with a fault, a spec string, or
 *       an array of them (JSON), or spec lines (text/plain) — appended; {@code DELETE} clears
 *   <li>{@code GET /_emulator/calls[?last=N]}; {@code DELETE /_emulator/calls}
 *   <li>{@code GET /_emulator/outages}; {@code POST /_emulator/outages} {@code {"model", "seconds"?}}
 *       (no seconds = until deleted); {@code DELETE /_emulator/outages/{model}}; {@code DELETE /_emulator/outages}
 *   <li>{@code POST /_emulator/reset}
 * </ul>
 * Bad input gets 400 with {@code {"error":{"code":"bad_request","message":…}}}.
 */
final class ControlApi {
    private final Emulator emulator;

    ControlApi(Emulator emulator) {
        this.emulator = emulator;
    }

    void register(Javalin app) {
        app.get("/_emulator", this::info);
        app.get("/_emulator/settings", ctx -> json(ctx, 200, emulator.settings()));
        app.put("/_emulator/settings", this::putSettings);
        app.get("/_emulator/faults", ctx -> json(ctx, 200, emulator.pendingFaults()));
        app.post("/_emulator/faults", this::postFaults);
        app.delete("/_emulator/faults", ctx -> {
            emulator.clearScript();
            json(ctx, 200, emulator.pendingFaults());
        });
        app.get("/_emulator/calls", this::calls);
        app.delete("/_emulator/calls", ctx -> {
            emulator.clearCalls();
            ctx.status(204);
        });
        app.get("/_emulator/outages", ctx -> json(ctx, 200, emulator.outages()));
        app.post("/_emulator/outages", this::postOutage);
        app.delete("/_emulator/outages", ctx -> {
            emulator.outages().forEach(o -> emulator.modelUp(o.model()));
            json(ctx, 200, emulator.outages());
        });
        app.delete("/_emulator/outages/{model}", ctx -> {
            emulator.modelUp(ctx.pathParam("model"));
            json(ctx, 200, emulator.outages());
        });
        app.post("/_emulator/reset", ctx -> {
            emulator.reset();
            json(ctx, 200, emulator.settings());
        });
    }

    private void info(Context ctx) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", emulator.baseUrl());
        info.put("gemini", List.of("POST /v1beta/models/{model}:generateContent",
                "POST /v1beta/models/{model}:streamGenerateContent?alt=sse", "GET /v1beta/models/{model}"));
        info.put("openai", List.of("POST /v1/chat/completions", "GET /v1/models"));
        info.put("anthropic", List.of("POST /v1/messages", "GET /v1/models"));
        info.put("profile", emulator.settings().profile());
        info.put("pendingFaults", emulator.pendingFaults().size());
        info.put("recordedCalls", emulator.calls().size());
        json(ctx, 200, info);
    }

    private void putSettings(Context ctx) {
        try {
            JsonNode patch = Json.MAPPER.readTree(ctx.body());
            if (patch == null || !patch.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object of settings");
            }
            EmulatorSettings base = patch.hasNonNull("profile") && isKnownProfile(patch.get("profile").asText())
                    ? EmulatorSettings.profile(patch.get("profile").asText())
                    : emulator.settings();
            ObjectNode merged = Json.MAPPER.valueToTree(base);
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!merged.has(field.getKey())) {
                    throw new IllegalArgumentException("unknown setting '" + field.getKey() + "' (known: "
                            + String.join(", ", iterable(merged.fieldNames())) + ")");
                }
                merged.set(field.getKey(), field.getValue());
            }
            EmulatorSettings updated = Json.MAPPER.treeToValue(merged, EmulatorSettings.class);
            emulator.settings(updated);
            json(ctx, 200, updated);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            badRequest(ctx, e);
        }
    }

    private static boolean isKnownProfile(String name) {
        return EmulatorSettings.PROFILES.contains(name.trim().toLowerCase(java.util.Locale.ROOT));
    }

    private void postFaults(Context ctx) {
        try {
            List<Fault> faults = new ArrayList<>();
            String contentType = ctx.contentType() == null ? "" : ctx.contentType();
            if (contentType.startsWith("text/plain")) {
                for (String line : ctx.body().split("\n")) {
                    if (!line.isBlank() && !line.trim().startsWith("#")) {
                        faults.add(Fault.parse(line));
                    }
                }
            } else {
                JsonNode body = Json.MAPPER.readTree(ctx.body());
                if (body == null || body.isMissingNode()) {
                    throw new IllegalArgumentException("no fault given");
                }
                for (JsonNode node : body.isArray() ? body : List.of(body)) {
                    faults.add(Json.MAPPER.treeToValue(node, Fault.class));
                }
            }
            emulator.script(faults);
            json(ctx, 201, emulator.pendingFaults());
        } catch (IllegalArgumentException | JsonProcessingException e) {
            badRequest(ctx, e);
        }
    }

    private void calls(Context ctx) {
        List<CallRecord> calls = emulator.calls();
        String last = ctx.queryParam("last");
        if (last != null) {
            try {
                int n = Integer.parseInt(last);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                calls = calls.subList(Math.max(0, calls.size() - n), calls.size());
            } catch (NumberFormatException e) {
                badRequest(ctx, new IllegalArgumentException("last=" + last + " is not a whole number"));
                return;
            }
        }
        json(ctx, 200, calls);
    }

    private void postOutage(Context ctx) {
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            String model = body == null ? null : body.path("model").asText(null);
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("an outage needs a \"model\"");
            }
            JsonNode seconds = body.get("seconds");
            JsonNode until = body.get("until");
            if (seconds != null && !seconds.isNull()) {
                if (!seconds.isNumber() || seconds.asDouble() <= 0) {
                    throw new IllegalArgumentException("\"seconds\" must be a positive number");
                }
                emulator.modelDown(model, Duration.ofMillis((long) (seconds.asDouble() * 1000)));
            } else if (until != null && !until.isNull()) {
                emulator.modelDown(model, Instant.parse(until.asText()));
            } else {
                emulator.modelDown(model);
            }
            json(ctx, 201, emulator.outages());
        } catch (IllegalArgumentException | JsonProcessingException | java.time.format.DateTimeParseException e) {
            badRequest(ctx, e);
        }
    }

    private static void badRequest(Context ctx, Exception e) {
        String message = e instanceof JsonProcessingException j ? rootMessage(j) : e.getMessage();
        json(ctx, 400, Map.of("error", Map.of("code", "bad_request", "message", message == null ? "bad request" : message)));
    }

    /** Jackson wraps our validation messages; show the innermost one, without source locations. */
    private static String rootMessage(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return t.getMessage();
    }

    private static void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
