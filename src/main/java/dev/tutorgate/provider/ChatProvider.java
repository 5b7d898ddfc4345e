package dev.tutorgate.provider;

import dev.tutorgate.core.TextSink;

/**
 * One upstream account (a Gemini, OpenAI, Anthropic or OpenAI-compatible base URL). Which key to
 * use is decided by the caller, so that balancing, circuit breaking and retries live in one place.
 *
 * <p>Both methods block the calling (virtual) thread until the call ends, hold no lock while
 * waiting, and throw {@link ProviderException} for every failure, already classified.
 */
public interface ChatProvider extends AutoCloseable {

    /** The configured provider name, e.g. "gemini-main". */
    String name();

    /** One non-streamed call. */
    ProviderReply complete(ModelCall call, ApiKey key) throws ProviderException;

    /**
     * One streamed call: text goes to {@code sink} chunk by chunk as it arrives (never buffered
     * whole first). If the sink returns false the call is abandoned and ends with
     * {@link ErrorKind#CANCELLED}, carrying the text and usage seen so far.
     */
    ProviderReply stream(ModelCall call, ApiKey key, TextSink sink) throws ProviderException;

    /** Releases the provider's connections and threads (HTTP providers); calls in flight fail. */
    @Override
    default void close() {
    }
}
