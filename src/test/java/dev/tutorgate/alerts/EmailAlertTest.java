package dev.tutorgate.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tutorgate.config.TutorgateConfig;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Alerts by e-mail, received by a real SMTP server (GreenMail) in the test. */
@Timeout(60)
class EmailAlertTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("tutor@example.org", "tutor", "pa55word"));

    private static final BackgroundAlertSink.Retry QUICK = new BackgroundAlertSink.Retry(3, Duration.ofMillis(20), Duration.ofMillis(40));

    private static TutorgateConfig.Email settings(String password) {
        return new TutorgateConfig.Email("127.0.0.1", SMTP.getSmtp().getPort(), "tutor", password,
                "tutorgate@example.org", List.of("tutor@example.org", "ta@example.org"), false);
    }

    @Test
    void anAlertArrivesAsAPlainTextMailWithTheFacts() throws Exception {
        try (BackgroundAlertSink sink = new BackgroundAlertSink(new EmailTransport(settings("pa55word")), QUICK)) {
            sink.send(AlertFixtures.warning("budget:daily:2026-11-28:0.8"));

            await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 2);
        }
        MimeMessage mail = SMTP.getReceivedMessagesForDomain("example.org")[0];
        assertThat(mail.getSubject()).isEqualTo("[tutorgate] WARNING: Daily budget 80% used");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("tutorgate@example.org");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("tutor@example.org", "ta@example.org");
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
        assertThat(body).startsWith("tutorgate has spent $16.02 of its $20.00 daily budget <b>&</b>.\n\n")
                .contains("Spent: $16.02 (80%)\nLimit: $20.00\nResets at: 2026-11-29 00:00 UTC\n")
                .contains("budget:daily:2026-11-28:0.8");
    }

    @Test
    void aRejectedLoginIsNotRetriedAndThePasswordIsNotLogged() {
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class);
             BackgroundAlertSink sink = new BackgroundAlertSink(new EmailTransport(settings("wrong-Pa55")), QUICK)) {
            sink.send(AlertFixtures.warning("k"));
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.pending() == 0);
            assertThat(log.text()).contains("rejected the login").contains("after 1 attempt(s)")
                    .doesNotContain("wrong-Pa55");
        }
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetriedThenGivenUp() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TutorgateConfig.Email nowhere = new TutorgateConfig.Email("127.0.0.1", closedPort, null, null,
                "tutorgate@example.org", List.of("tutor@example.org"), false);
        try (LogCapture log = new LogCapture(BackgroundAlertSink.class);
             BackgroundAlertSink sink = new BackgroundAlertSink(new EmailTransport(nowhere), QUICK)) {
            sink.send(AlertFixtures.warning("k"));
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.pending() == 0);
            assertThat(log.text()).contains("attempt 1 of 3").contains("attempt 2 of 3").contains("after 3 attempt(s), giving up");
        }
    }

    @Test
    void aBadAddressInTheSettingsIsRejectedAtOnce() {
        TutorgateConfig.Email bad = new TutorgateConfig.Email("127.0.0.1", 25, null, null, "not an address",
                List.of("tutor@example.org"), false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EmailTransport(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alerts.email");
    }

    @Test
    void theTransportDoesNotPrintThePassword() {
        assertThat(new EmailTransport(settings("pa55word")).toString()).doesNotContain("pa55word");
        assertThat(new WebhookTransport("https://hooks.example.com/services/SECRET").toString()).doesNotContain("SECRET");
    }
}
