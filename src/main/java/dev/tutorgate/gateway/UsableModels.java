package dev.tutorgate.gateway;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.tutor.ContextFit;
import dev.tutorgate.tutor.ModelLimits;
import dev.tutorgate.tutor.PromptAssembler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which configured models can answer at all, decided once at start-up: a model without an API
 * key, without a provider client, or whose window cannot hold the course is named once and left
 * out of routing, instead of failing on every request. "offline" is always usable.
 *
 * @param usable   the candidates, by model name, in configuration order, "offline" last
 * @param reasons  for each model left out, a short label used as the fallback reason
 * @param problems one sentence per model left out, for the start-up report
 */
record UsableModels(Map<String, Candidate> usable, Map<String, String> reasons, List<String> problems) {
    static final String NO_API_KEY = "no_api_key";
    static final String NO_CLIENT = "no_provider_client";
    static final String COURSE_TOO_BIG = "context_window";

    static UsableModels check(TutorgateConfig config, PromptAssembler assembler, ProviderKeys keys,
                              AttemptRunner runner) {
        Map<String, Candidate> usable = new LinkedHashMap<>();
        Map<String, String> reasons = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (TutorgateConfig.Model model : config.models()) {
            ModelLimits limits = ModelLimits.of(model);
            ContextFit fit = assembler.fit(limits);
            if (!keys.hasKeys(model.provider())) {
                reasons.put(model.name(), NO_API_KEY);
                problems.add(model.name() + ": provider " + model.provider() + " has no API key: it will not be used");
            } else if (!runner.hasProvider(model.provider())) {
                reasons.put(model.name(), NO_CLIENT);
                problems.add(model.name() + ": provider " + model.provider() + " has no client: it will not be used");
            } else if (!fit.fits()) {
                reasons.put(model.name(), COURSE_TOO_BIG);
                problems.add(fit.problem());
            } else {
                usable.put(model.name(), new Candidate(model.name(), model.provider(), limits));
            }
        }
        usable.put(Candidate.OFFLINE_NAME, Candidate.OFFLINE);
        return new UsableModels(java.util.Collections.unmodifiableMap(usable), Map.copyOf(reasons),
                List.copyOf(problems));
    }
}
