package dev.tutorgate.web;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import dev.tutorgate.storage.Database;

/**
 * Everything the web layer is built from. The composition root fills it from the configuration.
 *
 * @param db          the ledger's database (students, feedback, conversations are read and written there)
 * @param adminToken  the admin token in clear (from the configuration or generated at start)
 * @param extraRoutes routes of other features (e.g. the admin dashboard); admin paths are guarded for them
 */
public record WebParts(
        TutorgateConfig config,
        ChatService chat,
        Database db,
        String adminToken,
        CourseInfo course,
        List<ReadinessCheck> readiness,
        List<Routes> extraRoutes,
        Clock clock,
        Options options) {

    public WebParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(adminToken, "adminToken");
        readiness = List.copyOf(readiness);
        extraRoutes = List.copyOf(extraRoutes);
        clock = clock == null ? Clock.systemUTC() : clock;
        options = options == null ? Options.DEFAULTS : options;
    }

    /**
     * @param sseHeartbeat  a comment line is sent when a stream has been silent this long
     * @param shutdownGrace how long stopping waits for answers in flight
     */
    public record Options(Duration sseHeartbeat, Duration shutdownGrace) {
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
