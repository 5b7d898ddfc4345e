package dev.tutorgate.alerts;

/**
 * Carries one alert somewhere, synchronously (an HTTP POST, an SMTP session). Wrapped in a
 * {@link BackgroundAlertSink} so that nobody waits for it.
 */
public interface AlertTransport {
    /** A short name for logs ("webhook", "e-mail"), never an address or URL. */
    String name();

    void deliver(Alert alert) throws AlertDeliveryException;
}
