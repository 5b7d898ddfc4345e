package dev.tutorgate.web.admin;

import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.page.PageRoutes;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /admin}: the monitoring dashboard's page (its script and styles are under
 * {@code /static/admin/}, Chart.js from its WebJar). {@link AdminGuard} refuses it without the
 * admin token; the {@code ?token=} link the server prints is handed off into a cookie first.
 *
 * @param refreshSeconds how often the page refreshes itself, told to it in a meta tag
 */
public record DashboardRoutes(int refreshSeconds) implements Routes {
    @Override
    public void addTo(Javalin app, RouteSupport support) {
        String html = resource("/web/admin/index.html").replace("{{refreshSeconds}}", Integer.toString(refreshSeconds));
        app.get("/admin", ctx -> {
            PageRoutes.securePageHeaders(ctx);
            ctx.contentType("text/html; charset=utf-8").result(html);
        });
    }

    private static String resource(String path) {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
