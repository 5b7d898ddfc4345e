package dev.tutorgate.provider.anthropic;

import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ReportedUsage;

/**
 * Anthropic usage in {@link Usage}'s meaning. Anthropic's {@code input_tokens} excludes the cache,
 * so the input total is {@code input_tokens + cache_creation_input_tokens + cache_read_input_tokens}.
 * Cache writes are split by TTL from {@code cache_creation.ephemeral_{5m,1h}_input_tokens}; when that
 * breakdown is missing (or covers less than the total) the rest is counted at the TTL we sent.
 *
 * <p>Also the running merge for streams: {@code message_start} carries input and cache counts,
 * each {@code message_delta} repeats cumulative counts; any field a delta carries overwrites.
 */
final class AnthropicUsageMapper {
    private Long input;
    private Long output;
    private Long cacheWrite;
    private Long cacheRead;
    private Long write5m;
    private Long write1h;

    private final CacheTtl sentTtl;

    AnthropicUsageMapper(CacheTtl sentTtl) {
        this.sentTtl = sentTtl;
    }

    /** Takes every count {@code usage} carries, keeping the earlier value of those it lacks. */
    AnthropicUsageMapper merge(AnthropicWire.Usage usage) {
        if (usage == null) {
            return this;
        }
        input = pick(usage.inputTokens(), input);
        output = pick(usage.outputTokens(), output);
        cacheWrite = pick(usage.cacheCreationInputTokens(), cacheWrite);
        cacheRead = pick(usage.cacheReadInputTokens(), cacheRead);
        if (usage.cacheCreation() != null) {
            write5m = pick(usage.cacheCreation().ephemeral5m(), write5m);
            write1h = pick(usage.cacheCreation().ephemeral1h(), write1h);
        }
        return this;
    }

    boolean hasAny() {
        return input != null || output != null || cacheWrite != null || cacheRead != null;
    }

    Usage usage() {
        long w5m = ReportedUsage.count(write5m);
        long w1h = ReportedUsage.count(write1h);
        long unsplit = ReportedUsage.count(cacheWrite) - w5m - w1h;
        if (unsplit > 0) {
            if (sentTtl == CacheTtl.ONE_HOUR) {
                w1h += unsplit;
            } else {
                w5m += unsplit;
            }
        }
        long read = ReportedUsage.count(cacheRead);
        return ReportedUsage.of(ReportedUsage.count(input) + w5m + w1h + read, read, w5m, w1h,
                ReportedUsage.count(output), 0);
    }

    static Usage map(AnthropicWire.Usage usage, CacheTtl sentTtl) {
        AnthropicUsageMapper mapper = new AnthropicUsageMapper(sentTtl).merge(usage);
        return mapper.hasAny() ? mapper.usage() : null;
    }

    private static Long pick(Long fresh, Long earlier) {
        return fresh != null ? fresh : earlier;
    }
}
