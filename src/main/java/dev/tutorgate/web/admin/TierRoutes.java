package dev.tutorgate.web.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tutorgate.scaling.TierMonitor;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.UncheckedIOException;

/**
 * The tier monitor for the admin (the {@link AdminGuard} has checked the token):
 * {@code GET /api/admin/tiers} returns every provider's capacity and every key's use of its tier's
 * limits — requests and tokens per minute, requests per day, headroom, the provider's own view,
 * warnings, 24-hour peaks — as {@link dev.tutorgate.scaling.TierStatus}. Keys appear by alias only.
 */
public final class TierRoutes implements Routes {
    /** The web layer's mapper, with instants written as ISO-8601 text. */
    private static final ObjectMapper JSON = Json.MAPPER.copy().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final TierMonitor tiers;

    public TierRoutes(TierMonitor tiers) {
        this.tiers = tiers;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/api/admin/tiers", this::status);
    }

    private void status(Context ctx) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsString(tiers.status()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
