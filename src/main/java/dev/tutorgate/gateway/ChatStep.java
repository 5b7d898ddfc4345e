package dev.tutorgate.gateway;

/**
 * One link of the request chain (OkHttp-interceptor style): it may answer early by returning a
 * result, or call {@link Chain#proceed} exactly once and work on what comes back.
 */
@FunctionalInterface
public interface ChatStep {
    ChatResult handle(ChatExchange exchange, Chain chain);

    /** The rest of the chain after the current step. */
    @FunctionalInterface
    interface Chain {
        ChatResult proceed(ChatExchange exchange);
    }
}
