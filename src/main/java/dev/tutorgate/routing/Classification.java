package dev.tutorgate.routing;

import dev.tutorgate.core.Complexity;
import java.util.List;

/** A question's complexity and the reasons for it, in words a log reader understands. */
public record Classification(Complexity complexity, List<String> reasons) {
    public Classification {
        reasons = List.copyOf(reasons);
    }
}
