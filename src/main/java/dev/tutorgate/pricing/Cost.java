package dev.tutorgate.pricing;

/**
 * What one call cost, in pico-dollars (see core.Money).
 *
 * @param picos             the exact cost under the provider's formula
 * @param withoutCachePicos the same tokens had nothing been cached (cache reads and writes at the
 *                          plain input price): the difference is what caching saved
 */
public record Cost(long picos, long withoutCachePicos) {
    public static final Cost ZERO = new Cost(0, 0);

    public long savedByCachePicos() {
        return withoutCachePicos - picos;
    }
}
