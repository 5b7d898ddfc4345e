package dev.tutorgate.web.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.resilience.KeyAdmin;
import dev.tutorgate.resilience.KeyHealth;
import dev.tutorgate.resilience.ModelHealth;
import dev.tutorgate.resilience.ProviderHealth;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Bodies;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The providers' status for the admin (the {@link AdminGuard} has checked the token):
 * {@code GET /api/admin/providers} lists every model and its keys — OK / degraded / down, circuit
 * state, last error and when, keys out of rotation, cool-downs — never a key, only its alias.
 * {@code POST /api/admin/providers/keys/enable {"key": "gemini-main#2"}} puts a key back in rotation
 * (a refused key stays out until then, or until a restart).
 */
public final class ProviderStatusRoutes implements Routes {
    private final ProviderHealth health;
    private final KeyAdmin keys;

    public ProviderStatusRoutes(ProviderHealth health, KeyAdmin keys) {
        this.health = health;
        this.keys = keys;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/api/admin/providers", ctx -> status(ctx, support));
        app.post("/api/admin/providers/keys/enable", ctx -> enable(ctx, support));
    }

    private void status(Context ctx, RouteSupport support) {
        List<ModelHealth> models = health.models();
        Instant now = support.clock().instant();
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("at", now.toString());
            g.writeArrayFieldStart("models");
            for (ModelHealth model : models) {
                writeModel(g, model);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("keysOutOfRotation");
            models.stream().flatMap(m -> m.keys().stream()).filter(k -> !k.inRotation()).map(KeyHealth::keyAlias)
                    .distinct().forEach(alias -> write(g, alias));
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private static void write(JsonGenerator g, String text) {
        try {
            g.writeString(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeModel(JsonGenerator g, ModelHealth model) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", model.model());
        g.writeStringField("provider", model.provider());
        g.writeStringField("status", model.health().label());
        g.writeStringField("lastFallbackReason", model.lastFallbackReason());
        instant(g, "lastFallbackAt", model.lastFallbackAt());
        instant(g, "lastAnsweredAt", model.lastAnsweredAt());
        g.writeArrayFieldStart("keys");
        for (KeyHealth key : model.keys()) {
            g.writeStartObject();
            g.writeStringField("key", key.keyAlias());
            g.writeStringField("status", key.health().label());
            g.writeStringField("state", key.state());
            g.writeBooleanField("inRotation", key.inRotation());
            g.writeStringField("availability", key.availability());
            g.writeStringField("circuit", key.circuit());
            instant(g, "coolingUntil", key.coolingUntil());
            instant(g, "quotaUntil", key.quotaUntil());
            instant(g, "outSince", key.outSince());
            g.writeStringField("lastError", key.lastError());
            instant(g, "lastErrorAt", key.lastErrorAt());
            instant(g, "lastSuccessAt", key.lastSuccessAt());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, String field, Instant at) throws IOException {
        g.writeStringField(field, at == null ? null : at.toString());
    }

    private void enable(Context ctx, RouteSupport support) {
        ObjectNode body = support.bodies().jsonObject(ctx);
        String alias = Bodies.requiredText(body, "key");
        if (!keys.enableKey(alias)) {
            throw new ApiException(ErrorCode.NOT_FOUND);
        }
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("key", alias);
            g.writeBooleanField("inRotation", true);
            g.writeEndObject();
        }));
    }
}
