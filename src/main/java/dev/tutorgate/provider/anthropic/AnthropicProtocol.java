package dev.tutorgate.provider.anthropic;

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
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Instant;

/** Anthropic Messages: {@code POST {base}/v1/messages}, {@code x-api-key}, {@code anthropic-version: 2023-06-01}. */
public final class AnthropicProtocol implements WireProtocol {
    static final String API_VERSION = "2023-06-01";

    private final URI endpoint;
    private final CacheTtl cacheTtl;

    public AnthropicProtocol(String baseUrl) {
        this(baseUrl, CacheTtl.FIVE_MINUTES);
    }

    AnthropicProtocol(String baseUrl, CacheTtl cacheTtl) {
        this.endpoint = URI.create(Endpoints.versioned(baseUrl, "/v1") + "/messages");
        this.cacheTtl = cacheTtl;
    }

    @Override
    public URI endpoint(ModelCall call, boolean stream) {
        return endpoint;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, ApiKey key) {
        request.header("x-api-key", key.secret()).header("anthropic-version", API_VERSION);
    }

    @Override
    public Json.Body body(ModelCall call, boolean stream) {
        return AnthropicRequestBuilder.build(call, stream, cacheTtl);
    }

    @Override
    public ProviderReply readReply(InputStream body, RateLimitSnapshot rateLimits)
            throws IOException, ProviderException {
        return AnthropicResponseMapper.reply(body, rateLimits, cacheTtl);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new AnthropicStreamDecoder(cacheTtl);
    }

    @Override
    public RateLimitSnapshot rateLimits(HttpHeaders headers, Instant now) {
        return AnthropicRateLimits.parse(headers);
    }

    @Override
    public ProviderException error(ErrorResponse response) {
        return AnthropicErrorMapper.map(response);
    }
}
