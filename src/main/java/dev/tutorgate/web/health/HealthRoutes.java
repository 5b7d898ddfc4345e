package dev.tutorgate.web.health;

import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every readiness check
 * passes (200), or 503 with which one failed. No token needed; nothing secret in the answer.
 */
public final class HealthRoutes implements Routes {
    private final List<ReadinessCheck> checks;

    public HealthRoutes(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/health/live", ctx -> ctx.contentType("application/json").result("{\"status\":\"up\"}"));
        app.get("/health/ready", this::ready);
    }

    private void ready(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        for (ReadinessCheck check : checks) {
            String problem;
            try {
                problem = check.problem();
            } catch (RuntimeException e) {
                problem = "check failed (" + e.getClass().getSimpleName() + ")";
            }
            results.put(check.name(), problem == null ? "ok" : problem);
            ready &= problem == null;
        }
        boolean allReady = ready;
        ctx.status(allReady ? 200 : 503).contentType("application/json").result(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("status", allReady ? "ready" : "not_ready");
            g.writeObjectFieldStart("checks");
            for (Map.Entry<String, String> result : results.entrySet()) {
                g.writeStringField(result.getKey(), result.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }
}
