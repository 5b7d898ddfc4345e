package dev.tutorgate.provider.openai;

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

/**
 * OpenAI chat completions ({@code POST {base}/v1/chat/completions}, {@code Authorization: Bearer})
 * for api.openai.com and for OpenAI-compatible servers. The base URL may end in {@code /v1} or not.
 * Compatible servers often run without a key: then no Authorization header is sent.
 */
public final class OpenAiProtocol implements WireProtocol {
    private final URI endpoint;
    private final OpenAiDialect dialect;

    public OpenAiProtocol(String baseUrl, OpenAiDialect dialect) {
        this.endpoint = URI.create(Endpoints.versioned(baseUrl, "/v1") + "/chat/completions");
        this.dialect = dialect;
    }

    @Override
    public URI endpoint(ModelCall call, boolean stream) {
        return endpoint;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, ApiKey key) {
        if (!key.secret().isEmpty()) {
            request.header("authorization", "Bearer " + key.secret());
        }
    }

    @Override
    public Json.Body body(ModelCall call, boolean stream) {
        return OpenAiRequestBuilder.build(call, stream, dialect);
    }

    @Override
    public ProviderReply readReply(InputStream body, RateLimitSnapshot rateLimits)
            throws IOException, ProviderException {
        return OpenAiResponseMapper.reply(body, rateLimits);
    }

    @Override
    public StreamDecoder streamDecoder() {
        return new OpenAiStreamDecoder();
    }

    @Override
    public RateLimitSnapshot rateLimits(HttpHeaders headers, Instant now) {
        return OpenAiRateLimits.parse(headers, now);
    }

    @Override
    public ProviderException error(ErrorResponse response) {
        return OpenAiErrorMapper.map(response);
    }
}
