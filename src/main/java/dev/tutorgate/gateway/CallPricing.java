package dev.tutorgate.gateway;

import dev.tutorgate.core.Usage;
import dev.tutorgate.pricing.Cost;
import java.time.Instant;

/** Prices of model calls, from the dated price table (the pricing package). Thread-safe. */
public interface CallPricing {
    /** The exact cost of a call to {@code model} that used {@code usage}, at the prices of {@code at}. */
    Cost cost(String model, Usage usage, Instant at);

    /**
     * The most a call to {@code model} can cost with {@code inputTokens} of input and at most
     * {@code maxOutputTokens} of output: what the budget reserves before the call.
     */
    long worstCasePicos(String model, long inputTokens, int maxOutputTokens, Instant at);
}
