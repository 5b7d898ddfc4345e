package dev.tutorgate.gateway;

import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.core.Usage;
import dev.tutorgate.pricing.Cost;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.provider.ErrorKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an attempt used and cost. The provider's own usage when it reported it for a finished call;
 * otherwise an estimate marked as such: the prompt's estimated input and the tokens of the text
 * that was produced, so that a cut stream or a student who went away is never recorded at $0.
 * Thread-safe.
 */
final class AttemptCosting {
    /** Failures that come back before the model reads the prompt: the provider bills nothing. */
    private static final Set<ErrorKind> REFUSED_UPFRONT = EnumSet.of(ErrorKind.RATE_LIMITED,
            ErrorKind.QUOTA_EXHAUSTED, ErrorKind.UNAVAILABLE, ErrorKind.INVALID_KEY, ErrorKind.CONTEXT_TOO_LONG,
            ErrorKind.BAD_REQUEST, ErrorKind.CONTENT_BLOCKED, ErrorKind.CONNECT_TIMEOUT, ErrorKind.CONNECTION_FAILED);

    record Priced(CallAttempt attempt, Usage usage, Cost cost) {
    }

    private final CostCalculator pricing;
    private final TokenCounter counter;

    AttemptCosting(CostCalculator pricing, TokenCounter counter) {
        this.pricing = pricing;
        this.counter = counter;
    }

    /** The day whose prices apply to a call started at {@code at} (price rows are dated in UTC). */
    static LocalDate priceDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    Priced price(CallAttempt attempt) {
        if (attempt.candidate().offline()) {
            return new Priced(attempt, Usage.ZERO, Cost.ZERO);
        }
        Usage usage = usageOf(attempt);
        return new Priced(attempt, usage, pricing.cost(attempt.candidate().model(), usage, priceDay(attempt.startedAt())));
    }

    private Usage usageOf(CallAttempt attempt) {
        Usage reported = attempt.reportedUsage();
        if (reported != null && attempt.answered()) {
            return reported;
        }
        long seenOutput = counter.count(attempt.text());
        if (reported != null) {
            // A cut stream: the provider's count may stop short of the text it had already sent.
            return reported.outputTokens() >= seenOutput ? reported
                    : new Usage(reported.inputTokens(), reported.cachedInputTokens(), reported.cacheWrite5mTokens(),
                    reported.cacheWrite1hTokens(), seenOutput, Math.min(reported.reasoningTokens(), seenOutput), true);
        }
        if (attempt.error() != null && REFUSED_UPFRONT.contains(attempt.error()) && attempt.text().isEmpty()) {
            return Usage.ZERO;
        }
        return new Usage(attempt.call().estimatedInputTokens(), 0, 0, 0, seenOutput, 0, true);
    }
}
