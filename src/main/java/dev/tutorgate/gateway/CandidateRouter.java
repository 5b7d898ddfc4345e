package dev.tutorgate.gateway;

import dev.tutorgate.core.Complexity;
import java.util.List;

/** Which models may answer, best first (the routing package). Thread-safe. */
@FunctionalInterface
public interface CandidateRouter {
    /**
     * Model names in the order to try them: the routed model for {@code complexity} (or
     * {@code requestedModel} when an application asked for one), then the fallbacks; "offline"
     * for the course search.
     *
     * @param requestedModel null = route by complexity
     */
    List<String> candidates(Complexity complexity, String requestedModel);
}
