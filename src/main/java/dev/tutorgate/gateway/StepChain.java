package dev.tutorgate.gateway;

import java.util.List;

/** Runs the steps in order; refuses a second {@code proceed} from the same step. */
final class StepChain implements ChatStep.Chain {
    private final List<ChatStep> steps;
    private final int index;
    private boolean proceeded;

    StepChain(List<ChatStep> steps) {
        this(List.copyOf(steps), 0);
    }

    private StepChain(List<ChatStep> steps, int index) {
        this.steps = steps;
        this.index = index;
    }

    @Override
    public ChatResult proceed(ChatExchange exchange) {
        if (proceeded) {
            throw new IllegalStateException(steps.get(index - 1).getClass().getSimpleName() + " called proceed twice");
        }
        proceeded = true;
        if (index == steps.size()) {
            throw new IllegalStateException("the last step must answer, not proceed");
        }
        return steps.get(index).handle(exchange, new StepChain(steps, index + 1));
    }
}
