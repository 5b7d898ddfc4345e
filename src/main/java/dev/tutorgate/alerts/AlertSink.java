package dev.tutorgate.alerts;

/**
 * Delivers alerts (log, webhook, e-mail). Never blocks a student's request: implementations
 * deliver in the background and retry failures.
 */
public interface AlertSink {
    void send(Alert alert);
}
