package dev.tutorgate.routing;

import dev.tutorgate.core.Usage;

/** What {@code usage} costs on {@code model}, in pico-dollars (the pricing package provides one). */
@FunctionalInterface
public interface ModelCostFunction {
    long picos(String model, Usage usage);
}
