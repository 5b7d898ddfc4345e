package dev.tutorgate.alerts;

import dev.tutorgate.config.TutorgateConfig;
import java.util.ArrayList;
import java.util.List;

/** Builds the alert sinks the configuration asks for. */
public final class AlertSinks {
    private AlertSinks() {
    }

    /**
     * The log always; the webhook when {@code alerts.webhookUrl} is set; e-mail when
     * {@code alerts.email} is set — the last two delivered in the background with retries.
     * Close the result at shutdown.
     */
    public static FanOutAlertSink fromConfig(TutorgateConfig.Alerts alerts) {
        return fromConfig(alerts, BackgroundAlertSink.Retry.DEFAULT);
    }

    public static FanOutAlertSink fromConfig(TutorgateConfig.Alerts alerts, BackgroundAlertSink.Retry retry) {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        if (alerts.webhookUrl() != null && !alerts.webhookUrl().isBlank()) {
            sinks.add(new BackgroundAlertSink(new WebhookTransport(alerts.webhookUrl()), retry));
        }
        if (alerts.email() != null) {
            sinks.add(new BackgroundAlertSink(new EmailTransport(alerts.email()), retry));
        }
        return new FanOutAlertSink(sinks);
    }
}
