package dev.tutorgate.tutor;

import dev.tutorgate.config.ModelCatalog;
import dev.tutorgate.config.TutorgateConfig;
import java.util.Objects;

/**
 * What a model can take: its context window and its own output cap.
 *
 * @param name            the configured model name (logs, ledger, prices)
 * @param upstreamName    the id the provider knows
 * @param contextWindow   tokens the model holds
 * @param maxOutputTokens the model's own output cap
 */
public record ModelLimits(String name, String upstreamName, long contextWindow, int maxOutputTokens) {
    public ModelLimits {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(upstreamName, "upstreamName");
        if (contextWindow < 1 || maxOutputTokens < 1) {
            throw new IllegalArgumentException(name + ": context window and output cap must be positive");
        }
    }

    /** From a validated configuration (the catalog fills what the configuration leaves out). */
    public static ModelLimits of(TutorgateConfig.Model model) {
        long window = ModelCatalog.contextWindow(model).orElseThrow(
                () -> new IllegalArgumentException(model.name() + ": context window unknown"));
        // A model missing from the catalog without its own cap: the course's cap is the only one we know.
        int cap = ModelCatalog.maxOutputTokens(model).orElse(Integer.MAX_VALUE);
        return new ModelLimits(model.name(), model.upstreamNameOrName(), window, cap);
    }

    /** The output cap of a call: the course's cap, lowered to the model's own. */
    public int outputCap(int courseMaxOutputTokens) {
        return Math.min(courseMaxOutputTokens, maxOutputTokens);
    }
}
