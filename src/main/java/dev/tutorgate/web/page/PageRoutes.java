package dev.tutorgate.web.page;

import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.auth.Authenticator;
import dev.tutorgate.web.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The student page {@code GET /} and what it asks for: {@code GET /api/me}, {@code GET /api/course}.
 * Also the token hand-off of every page: {@code GET /…?token=T} (the URL {@code serve} prints)
 * puts the token into an HttpOnly, SameSite=Strict cookie and redirects to the same URL without
 * it, so the token does not linger in the address bar or the history.
 */
public final class PageRoutes implements Routes {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    private final byte[] indexHtml;
    private final String courseJson;

    public PageRoutes(CourseInfo course) {
        this.courseJson = courseJson(course);
        this.indexHtml = resource("/web/index.html");
    }

    /** Runs before every other before-handler: a page URL carrying {@code ?token=} is handed off first. */
    public void addTokenHandoff(Javalin app, RouteSupport support) {
        app.before(ctx -> handOff(ctx, support.auth()));
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/", this::index);
        app.get("/api/me", ctx -> {
            Principal.Student student = support.auth().requireStudent(ctx);
            ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("id", student.id());
                g.writeStringField("name", student.name());
                g.writeEndObject();
            }));
        });
        app.get("/api/course", ctx -> {
            support.auth().requireStudent(ctx);
            ctx.contentType("application/json; charset=utf-8").result(courseJson);
        });
    }

    private static String courseJson(CourseInfo course) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("title", course.title());
            g.writeArrayFieldStart("lessons");
            for (String lesson : course.lessons()) {
                g.writeString(lesson);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("exampleQuestions");
            for (String question : course.exampleQuestions()) {
                g.writeString(question);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private void index(Context ctx) {
        securePageHeaders(ctx);
        ctx.contentType("text/html; charset=utf-8").result(indexHtml);
    }

    /** Headers for every HTML page: no caching of a page that may follow a token, strict CSP. */
    public static void securePageHeaders(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static void handOff(Context ctx, Authenticator auth) {
        String token = ctx.queryParam("token");
        if (token == null || !"GET".equals(ctx.method().name()) || ctx.path().startsWith("/api/")
                || ctx.path().startsWith("/v1/")) {
            return;
        }
        auth.resolve(token).ifPresent(principal -> {
            String name = principal instanceof Principal.Admin ? Authenticator.ADMIN_COOKIE : Authenticator.STUDENT_COOKIE;
            Cookie cookie = new Cookie(name, token);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.STRICT);
            cookie.setSecure("https".equals(ctx.scheme()));
            cookie.setMaxAge(60 * 60 * 24 * 180);
            ctx.cookie(cookie);
        });
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
        ctx.skipRemainingHandlers();
    }

    private static String withoutToken(Context ctx) {
        Map<String, List<String>> params = ctx.queryParamMap();
        String rest = params.entrySet().stream()
                .filter(e -> !e.getKey().equals("token"))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return ctx.path() + (rest.isEmpty() ? "" : "?" + rest);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String path) {
        try (InputStream in = PageRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
