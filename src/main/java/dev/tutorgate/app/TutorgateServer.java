package dev.tutorgate.app;

import dev.tutorgate.config.LoadedConfig;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.web.WebParts;
import dev.tutorgate.web.WebServer;
import dev.tutorgate.web.auth.AccessTokens;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The running server: the web layer in front of the {@link Core}. Knows the admin token (the
 * configured one, or one generated now) and, with the embedded defaults, the demo student, and
 * says both once in the start-up banner — as Jupyter prints its token URL.
 */
public final class TutorgateServer implements AutoCloseable {
    public static final String DEMO_STUDENT = "demo";
    private static final String EMBEDDED_DEFAULTS = "embedded defaults";

    private final Core core;
    private final WebServer web;
    private final List<String> banner;

    private TutorgateServer(Core core, WebServer web, List<String> banner) {
        this.core = core;
        this.web = web;
        this.banner = List.copyOf(banner);
    }

    /** Starts the web layer on {@code core} with the default heartbeat and grace; on failure the core is closed. */
    public static TutorgateServer start(LoadedConfig loaded, Core core, Clock clock) {
        return start(loaded, core, clock, WebParts.Options.DEFAULTS);
    }

    public static TutorgateServer start(LoadedConfig loaded, Core core, Clock clock, WebParts.Options options) {
        TutorgateConfig config = loaded.config();
        String configured = config.admin().token();
        boolean adminGenerated = configured == null || configured.isBlank();
        String adminToken = adminGenerated ? AccessTokens.newAdminToken() : configured;
        WebServer web;
        try {
            web = WebServer.start(new WebParts(config, core.chat(), core.db(), adminToken, core.course(),
                    core.readiness(), core.routes(), clock, options));
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
        URI base = config.server().publicUrl() != null
                ? URI.create(config.server().publicUrl().replaceAll("/*$", "/"))
                : WebServer.localUri(config.server().host(), web.port());

        List<String> lines = new ArrayList<>();
        lines.add("tutorgate is serving on " + base);
        lines.add("Configuration: " + loaded.source());
        lines.addAll(core.startupLines());
        loaded.warnings().forEach(w -> lines.add("Warning: " + w));
        lines.add("");
        if (EMBEDDED_DEFAULTS.equals(loaded.source())) {
            IssuedToken demo = web.students().rekey(DEMO_STUDENT);
            lines.add("Student chat (demo student): " + base + "?token=" + demo.token());
        } else {
            int students = web.students().list().size();
            lines.add("Student chat: " + base + "  (" + students + " student" + (students == 1 ? "" : "s")
                    + "; add one with: tutorgate students add NAME)");
        }
        lines.add(adminGenerated
                ? "Admin dashboard: " + base + "admin?token=" + adminToken + "  (token generated for this run)"
                : "Admin dashboard: " + base + "admin  (token: admin.token from the configuration)");
        return new TutorgateServer(core, web, lines);
    }

    /** What to print once at start; holds the demo student's and a generated admin token. */
    public List<String> banner() {
        return banner;
    }

    public int port() {
        return web.port();
    }

    /** True while {@link #close()} waits for the answers in flight. */
    public boolean stopping() {
        return web.stopping();
    }

    /** Finishes answers in flight (up to the grace period), then closes the core (database last). */
    @Override
    public void close() {
        try {
            web.stop();
        } finally {
            core.close();
        }
    }
}
