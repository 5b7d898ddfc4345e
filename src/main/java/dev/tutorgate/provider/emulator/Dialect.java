package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** One provider's wire protocol: how it reads a request and writes answers and errors. */
interface Dialect {
    Protocol protocol();

    /** The API key the call carries, or null. */
    String apiKey(Exchange ctx);

    /** A protocol-level header problem found before the body is read (null when fine). */
    default ErrorCase checkHeaders(Exchange ctx) {
        return null;
    }

    /**
     * The model named by the path, when the protocol puts it there (Gemini); else null.
     *
     * @throws EmulatedRequest.Invalid when the path names no known method
     */
    default String modelFromPath(Exchange ctx) {
        return null;
    }

    /**
     * Reads the request body.
     *
     * @throws EmulatedRequest.Invalid with the provider's wording when the request is wrong
     */
    EmulatedRequest parse(Exchange ctx, JsonNode body);

    /** A fresh response id in the provider's style. */
    String newId();

    /** Headers every response of this protocol carries: request ids and, when known ({@code rate} not null), rate-limit state. */
    void commonHeaders(Exchange ctx, String requestId, RateState rate);

    HttpError error(ErrorCase error, String model, String requestId);

    /** The complete body of a non-streamed answer. */
    String completion(Reply reply);

    /** The event encoder of one streamed answer. */
    StreamEncoder stream(Reply reply);

    /** An error response: status, extra headers and JSON body. */
    record HttpError(int status, String body, String[] headers) {
        HttpError(int status, String body) {
            this(status, body, new String[0]);
        }
    }
}
