package dev.tutorgate.web;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.admin.AdminGuard;
import dev.tutorgate.web.admin.AdminStudentRoutes;
import dev.tutorgate.web.auth.AdminToken;
import dev.tutorgate.web.auth.Authenticator;
import dev.tutorgate.web.auth.JdbcStudents;
import dev.tutorgate.web.auth.Students;
import dev.tutorgate.web.chat.ChatRoutes;
import dev.tutorgate.web.conversations.ConversationQueries;
import dev.tutorgate.web.conversations.ConversationRoutes;
import dev.tutorgate.web.feedback.FeedbackRoutes;
import dev.tutorgate.web.feedback.FeedbackStore;
import dev.tutorgate.web.health.HealthRoutes;
import dev.tutorgate.web.i18n.Languages;
import dev.tutorgate.web.openai.OpenAiRoutes;
import dev.tutorgate.web.page.PageRoutes;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads, one routes class per feature, a request
 * id and a language for every request, and one place where every error becomes the contract's
 * JSON. {@link #stop()} finishes the answers in flight (up to the grace period) before closing.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;
    private final ScheduledExecutorService timer;
    private final Students students;

    private WebServer(Javalin app, ScheduledExecutorService timer, Students students) {
        this.app = app;
        this.timer = timer;
        this.students = students;
    }

    public static WebServer start(WebParts parts) {
        TutorgateConfig config = parts.config();
        ErrorRenderer errors = new ErrorRenderer(config.chat().maxMessageChars());
        Languages languages = new Languages(config.chat().language());
        Students students = new JdbcStudents(parts.db(), parts.clock());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sse-heartbeat").daemon().factory());
        RouteSupport support = new RouteSupport(new Authenticator(students, new AdminToken(parts.adminToken())),
                new Bodies(config.server().maxBodyBytes()), errors, timer, parts.options().sseHeartbeat(), parts.clock());

        Javalin app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = config.server().maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
            });
            cfg.staticFiles.enableWebjars();
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(parts.options().shutdownGrace().toMillis());
                server.setErrorHandler(new JsonErrorPages(errors));
            });
        });

        app.before(ctx -> Requests.begin(ctx, languages.choose(ctx.header("Accept-Language"))));
        PageRoutes pages = new PageRoutes(parts.course());
        pages.addTokenHandoff(app, support);
        installErrorHandling(app, errors);

        List<Routes> routes = new java.util.ArrayList<>(List.of(
                new AdminGuard(),
                pages,
                new ChatRoutes(parts.chat()),
                new ConversationRoutes(new ConversationQueries(parts.db())),
                new FeedbackRoutes(new FeedbackStore(parts.db())),
                new HealthRoutes(parts.readiness()),
                new AdminStudentRoutes(students),
                new OpenAiRoutes(parts.chat(), config.models().stream().map(TutorgateConfig.Model::name).toList())));
        routes.addAll(parts.extraRoutes());
        routes.forEach(r -> r.addTo(app, support));

        app.start(config.server().host(), config.server().port());
        return new WebServer(app, timer, students);
    }

    private static void installErrorHandling(Javalin app, ErrorRenderer errors) {
        app.exception(ApiException.class, (e, ctx) -> errors.render(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> errors.render(ctx, codeForStatus(e.getStatus()), null, null));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("request {} {} {} failed", Requests.requestId(ctx), ctx.method(), ctx.path(), e);
            errors.render(ctx, ErrorCode.INTERNAL, null, null);
        });
    }

    /** The closest code for a status that Javalin or Jetty chose. */
    static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413, 414, 431 -> ErrorCode.BODY_TOO_LARGE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL;
        };
    }

    public int port() {
        return app.port();
    }

    /** The students the server authenticates (the composition root re-keys the demo student with it). */
    public Students students() {
        return students;
    }

    /** Stops taking requests, lets answers in flight finish (up to the grace period), then closes. */
    public void stop() {
        try {
            app.stop();
        } catch (RuntimeException graceOver) {
            log.warn("answers still in flight after the shutdown grace period were cut off");
        } finally {
            timer.shutdownNow();
        }
    }

    /** True from the moment {@link #stop()} begins until the server has stopped. */
    public boolean stopping() {
        return app.jettyServer().server().isStopping();
    }

    @Override
    public void close() {
        stop();
    }

    public static URI localUri(String host, int port) {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create("http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port + "/");
    }
}
