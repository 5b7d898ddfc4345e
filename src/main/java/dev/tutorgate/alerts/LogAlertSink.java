package dev.tutorgate.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every alert to the log at once: WARN for warnings, ERROR for critical alerts. */
public final class LogAlertSink implements AlertSink {
    private static final Logger log = LoggerFactory.getLogger("dev.tutorgate.alerts");

    @Override
    public void send(Alert alert) {
        if (alert.severity() == Alert.Severity.CRITICAL) {
            log.error("ALERT {}: {} {} [{}]", alert.title(), alert.text(), alert.facts(), alert.key());
        } else {
            log.warn("ALERT {}: {} {} [{}]", alert.title(), alert.text(), alert.facts(), alert.key());
        }
    }
}
