package dev.tutorgate.provider.gemini;

import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.Endpoints;
import dev.tutorgate.provider.ErrorResponse;
import dev.tutorgate.provider.Json;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import dev.tutorgate.provider.StreamDecoder;
import dev.tutorgate.provider.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gemini API v1beta: {@code POST {base}/v1beta/models/{model}:generateContent}, streamed via
 * {@code :streamGenerateContent?alt=sse} (without {@code alt=sse} it would stream a JSON array),
 * key in {@code x-goog-api-key} (never in the URL, where it would end up in logs). Gemini sends no
 * rate-limit headers.
 */
public final class GeminiProtocol implements WireProtocol {
    private final String modelsUrl;
    private final ConcurrentHashMap<String, URI> plainEndpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, URI> streamEndpoints = new ConcurrentHashMap<>();

    public GeminiProtocol(String baseUrl) {
        this.modelsUrl = Endpoints.versioned(baseUrl, "/v1beta") + "/models/";
    }

    @Override
    public URI endpoint(ModelCall call, boolean stream) {
        return stream
                ? streamEndpoints.computeIfAbsent(call.model(), model -> uri(model, ":streamGenerateContent?alt=sse"))
                : plainEndpoints.computeIfAbsent(call.model(), model -> uri(model, ":generateContent"));
    }

    private URI uri(String model, String method) {
        String id = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return URI.create(modelsUrl + URLEncoder.encode(id, StandardCharsets.UTF_8) + method);
    }

    @Override
    public void authenticate(HttpRequest.Builder request, ApiKey key) {
        request.header("x-goog-api-key", key.secret());
    }

    @Override
    public Json.Body body(ModelCall call, boolean stream) {
        return GeminiRequestBuilder.build(call);
    }

    @Override
    public ProviderReply readReply(InputStream body, RateLimitSnapshot rateLimits)
            throws IOException, ProviderException {
        return GeminiResponseMapper.reply(body, rateLimits);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new GeminiStreamDecoder();
    }

    @Override
    public RateLimitSnapshot rateLimits(HttpHeaders headers, Instant now) {
        return RateLimitSnapshot.NONE;
    }

    @Override
    public ProviderException error(ErrorResponse response) {
        return GeminiErrorMapper.map(response);
    }
}
