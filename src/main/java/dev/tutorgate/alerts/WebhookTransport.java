package dev.tutorgate.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs alerts as Slack-compatible JSON ({@link SlackPayload}) to a webhook URL. The URL is a
 * secret (whoever has it may post to the channel): it never appears in messages or logs.
 */
public final class WebhookTransport implements AlertTransport {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final HttpClient client;

    public WebhookTransport(String url) {
        this.url = URI.create(Objects.requireNonNull(url, "url"));
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Alert alert) throws AlertDeliveryException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(SlackPayload.of(alert), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new AlertDeliveryException("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", false);
        } catch (IOException e) {
            throw new AlertDeliveryException("cannot reach the webhook (" + e.getClass().getSimpleName() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertDeliveryException("interrupted", true);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        // 429 and 5xx may pass later; any other answer (404 revoked hook, 400 bad payload) will not.
        boolean retryable = status == 429 || status == 408 || status >= 500;
        throw new AlertDeliveryException("the webhook answered HTTP " + status, !retryable);
    }

    @Override
    public String toString() {
        return "WebhookTransport[url=***]";
    }
}
