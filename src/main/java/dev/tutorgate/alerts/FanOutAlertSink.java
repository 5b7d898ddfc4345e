package dev.tutorgate.alerts;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert to every sink (log, webhook, e-mail). One failing sink never stops the others
 * and never reaches the caller: invalid-key alerts, tier warnings and budget alerts all go here.
 */
public final class FanOutAlertSink implements AlertSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FanOutAlertSink.class);

    private final List<AlertSink> sinks;

    public FanOutAlertSink(List<AlertSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void send(Alert alert) {
        for (AlertSink sink : sinks) {
            try {
                sink.send(alert);
            } catch (RuntimeException e) {
                log.error("alert sink {} failed: {}", sink.getClass().getSimpleName(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        for (AlertSink sink : sinks) {
            if (sink instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("closing alert sink {} failed: {}", sink.getClass().getSimpleName(), e.getClass().getSimpleName());
                }
            }
        }
    }
}
