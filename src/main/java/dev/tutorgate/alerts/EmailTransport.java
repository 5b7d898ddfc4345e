package dev.tutorgate.alerts;

import dev.tutorgate.config.TutorgateConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends alerts as plain-text e-mail over SMTP (Jakarta Mail, Eclipse Angus) with the settings of
 * {@code alerts.email}: host, port, optional login, STARTTLS (required when enabled, so a server
 * that drops it cannot downgrade the session to plain text).
 */
public final class EmailTransport implements AlertTransport {
    private static final String TIMEOUT_MS = "10000";

    private final TutorgateConfig.Email settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    public EmailTransport(TutorgateConfig.Email settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", String.valueOf(settings.port()));
        props.put("mail.smtp.auth", String.valueOf(hasLogin()));
        props.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        props.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        props.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        props.put("mail.smtp.timeout", TIMEOUT_MS);
        props.put("mail.smtp.writetimeout", TIMEOUT_MS);
        this.session = Session.getInstance(props);
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.to = InternetAddress.parse(String.join(",", settings.to()), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("alerts.email: not an e-mail address: " + e.getRef(), e);
        }
    }

    @Override
    public String name() {
        return "e-mail";
    }

    @Override
    public void deliver(Alert alert) throws AlertDeliveryException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, to);
            message.setSubject("[tutorgate] " + alert.severity() + ": " + alert.title(), "UTF-8");
            message.setSentDate(Date.from(alert.at()));
            message.setText(body(alert), "UTF-8");
            if (hasLogin()) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (AuthenticationFailedException e) {
            throw new AlertDeliveryException("the SMTP server " + settings.host() + " rejected the login", true);
        } catch (SendFailedException e) {
            throw new AlertDeliveryException("the SMTP server " + settings.host() + " refused the recipients", true);
        } catch (MessagingException e) {
            throw new AlertDeliveryException("SMTP " + settings.host() + ":" + settings.port() + " failed ("
                    + e.getClass().getSimpleName() + ")", false);
        }
    }

    static String body(Alert alert) {
        StringBuilder text = new StringBuilder(alert.text()).append("\n\n");
        for (Map.Entry<String, String> fact : alert.facts().entrySet()) {
            text.append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
        }
        text.append("\n-- \ntutorgate · ").append(alert.severity()).append(" · ").append(alert.key())
                .append(" · ").append(alert.at()).append('\n');
        return text.toString();
    }

    private boolean hasLogin() {
        return settings.username() != null && !settings.username().isBlank();
    }

    @Override
    public String toString() {
        return "EmailTransport[" + settings.host() + ":" + settings.port() + ", password=***]";
    }
}
