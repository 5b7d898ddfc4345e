package dev.tutorgate.provider;

import dev.tutorgate.core.Usage;

/**
 * Builds a {@link Usage} from a provider's counts, already converted to Usage's meaning by the
 * vendor mapper. A provider that reports inconsistent counts (negative, more cached than input,
 * more reasoning than output) must not turn a delivered answer into a failure: the counts are
 * clamped to the nearest consistent ones, which never prices the call below what was reported.
 */
public final class ReportedUsage {
    private ReportedUsage() {
    }

    public static Usage of(long input, long cached, long write5m, long write1h, long output, long reasoning) {
        long in = Math.max(0, input);
        long read = clamp(cached, in);
        long w5m = clamp(write5m, in - read);
        long w1h = clamp(write1h, in - read - w5m);
        long out = Math.max(0, output);
        return new Usage(in, read, w5m, w1h, out, clamp(reasoning, out), false);
    }

    /** A null count (field absent) is zero. */
    public static long count(Long value) {
        return value == null ? 0 : value;
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }
}
