package dev.tutorgate.gateway;

import dev.tutorgate.tutor.ModelLimits;
import java.util.Objects;

/**
 * A model that may answer a request: a configured model of a provider, or the offline answerer.
 *
 * @param model    the configured model name ("offline" for the course search)
 * @param provider the configured provider name ("offline" for the course search)
 * @param limits   context window and output cap; null for the offline answerer
 */
public record Candidate(String model, String provider, ModelLimits limits) {
    public static final String OFFLINE_NAME = "offline";
    public static final Candidate OFFLINE = new Candidate(OFFLINE_NAME, OFFLINE_NAME, null);

    public Candidate {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        if (limits == null && !OFFLINE_NAME.equals(model)) {
            throw new IllegalArgumentException(model + ": a model needs its limits");
        }
    }

    public boolean offline() {
        return limits == null;
    }
}
