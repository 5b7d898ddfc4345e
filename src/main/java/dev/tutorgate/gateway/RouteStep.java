package dev.tutorgate.gateway;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.routing.Classification;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.routing.RoutePlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies the question and lists who may answer it, best first. Models found unusable at
 * start-up (no key, a window too small for the course) are left out here, once, instead of
 * failing at the provider on every request.
 */
final class RouteStep implements ChatStep {
    private final ModelRouter router;
    private final Map<String, Candidate> usable;
    private final Map<String, String> unusableReasons;
    private final Refusals refusals;

    /**
     * @param usable          models that can answer, by name ("offline" included)
     * @param unusableReasons for models left out at start-up: a short reason label (e.g. "no_api_key")
     */
    RouteStep(ModelRouter router, Map<String, Candidate> usable, Map<String, String> unusableReasons,
              Refusals refusals) {
        this.router = router;
        this.usable = Map.copyOf(usable);
        this.unusableReasons = Map.copyOf(unusableReasons);
        this.refusals = refusals;
    }

    /** The model an application asked for, or null to route ("auto" routes too). */
    static String requestedModel(ChatCommand command) {
        String model = command.requestedModel();
        return model == null || model.isBlank() || model.equalsIgnoreCase("auto") ? null : model;
    }

    @Override
    public ChatResult handle(ChatExchange exchange, Chain chain) {
        RoutePlan plan = router.route(exchange.command().message());
        exchange.classification(new Classification(plan.complexity(), plan.reasons()));
        String requested = requestedModel(exchange.command());
        List<String> names = plan.candidates();
        if (requested != null) {
            // An application chose the model: it goes first, the routed candidates stay as fallbacks.
            names = new ArrayList<>(names);
            names.addFirst(requested);
        }
        List<Candidate> candidates = new ArrayList<>(names.size());
        Set<String> seen = new LinkedHashSet<>();
        String firstSkipped = null;
        for (String name : names) {
            if (!seen.add(name)) {
                continue;
            }
            Candidate candidate = usable.get(name);
            if (candidate != null) {
                candidates.add(candidate);
            } else if (candidates.isEmpty() && firstSkipped == null) {
                firstSkipped = unusableReasons.getOrDefault(name, "unknown_model");
            }
        }
        if (candidates.isEmpty()) {
            return refusals.refuse(exchange, ErrorCode.PROVIDER_UNAVAILABLE, "no_model", null,
                    "no usable model among " + names);
        }
        exchange.candidates(candidates, firstSkipped);
        return chain.proceed(exchange);
    }
}
