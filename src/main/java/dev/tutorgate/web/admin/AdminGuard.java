package dev.tutorgate.web.admin;

import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import io.javalin.Javalin;

/**
 * Everything under {@code /admin} and {@code /api/admin} needs the admin token: 401 without a
 * valid token, 403 with a student's. Installed before any route, so admin routes added by other
 * features are guarded without doing anything themselves.
 */
public final class AdminGuard implements Routes {
    @Override
    public void addTo(Javalin app, RouteSupport support) {
        for (String path : new String[] {"/admin", "/admin/*", "/api/admin", "/api/admin/*"}) {
            app.before(path, ctx -> support.auth().requireAdmin(ctx));
        }
    }
}
