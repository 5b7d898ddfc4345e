package dev.tutorgate.monitoring;

import java.math.BigDecimal;

/**
 * A figure's thresholds: where green ends and where red begins, and on which side each edge value
 * falls. Amber is everything between; a band without a red edge is never red.
 *
 * @param higherIsBetter  true for rates like the cache hit rate, false for costs and latencies
 * @param greenEdge       the value that is still green when {@code greenInclusive}
 * @param redEdge         the value that is already red when {@code redInclusive}; null = never red
 * @param target          the thresholds in words, for people ("< 800 ms")
 */
public record Band(
        boolean higherIsBetter,
        BigDecimal greenEdge,
        boolean greenInclusive,
        BigDecimal redEdge,
        boolean redInclusive,
        String target) {

    /** Lower is better: green below {@code green} (or at it, if inclusive), red above {@code red}. */
    static Band lower(String green, boolean greenInclusive, String red, boolean redInclusive, String target) {
        return lower(new BigDecimal(green), greenInclusive, red == null ? null : new BigDecimal(red), redInclusive, target);
    }

    static Band lower(BigDecimal green, boolean greenInclusive, BigDecimal red, boolean redInclusive, String target) {
        return new Band(false, green, greenInclusive, red, redInclusive, target);
    }

    /** Higher is better: green above {@code green} (or at it, if inclusive), red below {@code red}. */
    static Band higher(BigDecimal green, boolean greenInclusive, BigDecimal red, boolean redInclusive, String target) {
        return new Band(true, green, greenInclusive, red, redInclusive, target);
    }

    static Band higher(String green, boolean greenInclusive, String red, boolean redInclusive, String target) {
        return higher(new BigDecimal(green), greenInclusive, red == null ? null : new BigDecimal(red), redInclusive, target);
    }

    public Status rate(BigDecimal value) {
        if (value == null) {
            return Status.NONE;
        }
        int toGreen = value.compareTo(greenEdge);
        boolean green = higherIsBetter ? toGreen > 0 || (greenInclusive && toGreen == 0)
                : toGreen < 0 || (greenInclusive && toGreen == 0);
        if (green) {
            return Status.GREEN;
        }
        if (redEdge != null) {
            int toRed = value.compareTo(redEdge);
            boolean red = higherIsBetter ? toRed < 0 || (redInclusive && toRed == 0)
                    : toRed > 0 || (redInclusive && toRed == 0);
            if (red) {
                return Status.RED;
            }
        }
        return Status.AMBER;
    }

    public Status rate(long value) {
        return rate(BigDecimal.valueOf(value));
    }
}
