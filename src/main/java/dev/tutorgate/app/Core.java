package dev.tutorgate.app;

import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import dev.tutorgate.monitoring.Monitoring;
import java.util.List;
import java.util.Optional;
import dev.tutorgate.storage.Database;

/**
 * The parts behind the web layer, assembled from the configuration: the database, the course,
 * and the chat pipeline. {@link TutorgateServer} puts the web layer in front of them.
 */
public interface Core extends AutoCloseable {
    ChatService chat();

    Database db();

    CourseInfo course();

    /** What must work before questions are taken (course loaded, ledger writable…). */
    List<ReadinessCheck> readiness();

    /** Lines for the start-up banner: the course (lessons, tokens), the models that answer, warnings. */
    List<String> startupLines();

    /** Routes of the core's own features for the web layer to serve (the dashboard, /metrics); none by default. */
    default List<dev.tutorgate.web.Routes> routes() {
        return List.of();
    }

    /** The metrics, summaries, request log and review queue; empty for a core without them (tests). */
    default Optional<Monitoring> monitoring() {
        return Optional.empty();
    }

    /** Closes the database last, after the web layer has finished its answers. */
    @Override
    void close();
}
