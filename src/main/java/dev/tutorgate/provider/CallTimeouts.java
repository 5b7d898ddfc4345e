package dev.tutorgate.provider;

import java.time.Duration;

/** The four timeouts of one call; each expiry has its own {@link ErrorKind}. */
public record CallTimeouts(Duration connect, Duration firstToken, Duration idle, Duration total) {
    public static final CallTimeouts DEFAULTS = new CallTimeouts(
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(120));
}
