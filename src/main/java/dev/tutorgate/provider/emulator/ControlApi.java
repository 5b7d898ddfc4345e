package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
 *   <li>{@code GET /_emulator/settings}; {@code PUT /_emulator/settings} with some fields, applied
 *       over the current settings, or over a profile when {@code "profile"} names one — returns the new settings
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
    static final String ROOT = "/_emulator";

    private final Emulator emulator;

    ControlApi(Emulator emulator) {
        this.emulator = emulator;
    }

    /** Serves a control request; false when no control route matches. */
    boolean handle(Exchange ctx) throws IOException {
        String route = ctx.method() + " " + ctx.path().substring(ROOT.length());
        switch (route) {
            case "GET " -> info(ctx);
            case "GET /settings" -> json(ctx, 200, emulator.settings());
            case "PUT /settings" -> putSettings(ctx);
            case "GET /faults" -> json(ctx, 200, emulator.pendingFaults());
            case "POST /faults" -> postFaults(ctx);
            case "DELETE /faults" -> {
                emulator.clearScript();
                json(ctx, 200, emulator.pendingFaults());
            }
            case "GET /calls" -> calls(ctx);
            case "DELETE /calls" -> {
                emulator.clearCalls();
                ctx.res().setStatus(204);
            }
            case "GET /outages" -> json(ctx, 200, emulator.outages());
            case "POST /outages" -> postOutage(ctx);
            case "DELETE /outages" -> {
                emulator.outages().forEach(o -> emulator.modelUp(o.model()));
                json(ctx, 200, emulator.outages());
            }
            case "POST /reset" -> {
                emulator.reset();
                json(ctx, 200, emulator.settings());
            }
            default -> {
                if (ctx.method().equals("DELETE") && ctx.path().startsWith(ROOT + "/outages/")) {
                    emulator.modelUp(ctx.path().substring((ROOT + "/outages/").length()));
                    json(ctx, 200, emulator.outages());
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private void info(Exchange ctx) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", emulator.baseUrl());
        info.put("gemini", List.of("POST /v1beta/models/{model}:generateContent",
                "POST /v1beta/models/{model}:streamGenerateContent?alt=sse", "GET /v1beta/models/{model}"));
        info.put("openai", List.of("POST /v1/chat/completions", "GET /v1/models"));
        info.put("anthropic", List.of("POST /v1/messages", "GET /v1/models"));
        info.put("profile", emulator.settings().profile());
        info.put("pendingFaults", emulator.pendingFaults().size());
        info.put("recordedCalls", emulator.callLog().size());
        json(ctx, 200, info);
    }

    private void putSettings(Exchange ctx) throws IOException {
        try {
            JsonNode patch = Json.MAPPER.readTree(ctx.body());
            if (patch == null || !patch.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object of settings");
            }
            // A profile name starts from that profile; the other fields are applied on top.
            EmulatorSettings base = patch.hasNonNull("profile")
                    ? EmulatorSettings.profile(patch.get("profile").asText())
                    : emulator.settings();
            ObjectNode merged = Json.MAPPER.valueToTree(base);
            for (Map.Entry<String, JsonNode> field : patch.properties()) {
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

    private void postFaults(Exchange ctx) throws IOException {
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

    private void calls(Exchange ctx) throws IOException {
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

    private void postOutage(Exchange ctx) throws IOException {
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

    private static void badRequest(Exchange ctx, Exception e) throws IOException {
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

    private static void json(Exchange ctx, int status, Object value) throws IOException {
        ctx.sendJson(status, Json.MAPPER.writeValueAsString(value));
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
