package dev.tutorgate.web.metrics;

import dev.tutorgate.monitoring.Metrics;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import io.javalin.Javalin;

/**
 * {@code GET /metrics}: Prometheus text format for a scraper on the same network. Open, like the
 * health checks: it carries counts, costs and latencies by model, provider and key alias, never a
 * student, a question or a secret.
 */
public final class MetricsRoutes implements Routes {
    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    }
}
