package dev.tutorgate.web;

import dev.tutorgate.web.auth.Authenticator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every routes class may use: who is calling, bounded bodies, error rendering, and the timer
 * that sends SSE heartbeats.
 */
public record RouteSupport(
        Authenticator auth,
        Bodies bodies,
        ErrorRenderer errors,
        ScheduledExecutorService timer,
        Duration sseHeartbeat,
        Clock clock) {

    public SseStream startSse(io.javalin.http.Context ctx) {
        return SseStream.start(ctx, timer, sseHeartbeat);
    }
}
