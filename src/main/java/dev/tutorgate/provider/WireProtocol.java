package dev.tutorgate.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Instant;

/**
 * One vendor's wire protocol: everything {@link HttpChatProvider} needs to know about a vendor and
 * nothing else (no timeouts, no connections, no retries — those live once in the shared base).
 * Each vendor package implements it by wiring its request builder, response mapper, stream decoder
 * and error mapper together.
 */
public interface WireProtocol {

    URI endpoint(ModelCall call, boolean stream);

    /** Adds the vendor's authentication and version headers. */
    void authenticate(HttpRequest.Builder request, ApiKey key);

    Json.Body body(ModelCall call, boolean stream);

    /** Maps a non-streamed 2xx body. */
    ProviderReply readReply(InputStream body, RateLimitSnapshot rateLimits) throws IOException, ProviderException;

    /** A fresh decoder for one streamed call. */
    StreamDecoder streamDecoder();

    /** The vendor's rate-limit headers (on success and on errors); NONE when it sends none. */
    RateLimitSnapshot rateLimits(HttpHeaders headers, Instant now);

    /** Classifies a non-2xx response into exactly one {@link ErrorKind}. */
    ProviderException error(ErrorResponse response);
}
