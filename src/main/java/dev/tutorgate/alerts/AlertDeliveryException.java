package dev.tutorgate.alerts;

/**
 * An alert was not delivered. The message is safe to log: transports never put a webhook URL,
 * a password or a token into it.
 */
public class AlertDeliveryException extends Exception {
    private final boolean permanent;

    /** @param permanent true when trying again cannot help (e.g. HTTP 404, a rejected login) */
    public AlertDeliveryException(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
