package dev.tutorgate.resilience;

import dev.tutorgate.config.ProviderType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a key whose quota is used up may be tried again. Gemini's per-day quotas reset at midnight
 * Pacific time (its 429 also carries a RetryInfo of seconds, which is about the per-minute window
 * and is ignored here). OpenAI's "insufficient_quota" (out of credits, monthly cap) and Anthropic's
 * spend limits carry no reset time: the key is tried again after the configured cool-down (an
 * admin who tops up the account can put it back at once), or after the provider's hint if longer.
 */
final class QuotaResets {
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private QuotaResets() {
    }

    static Instant resetAfter(ProviderType type, Instant now, Duration hint, Duration cooldown) {
        if (type == ProviderType.GEMINI) {
            LocalDate today = LocalDate.ofInstant(now, PACIFIC);
            return today.plusDays(1).atStartOfDay(PACIFIC).toInstant();
        }
        Duration wait = hint != null && hint.compareTo(cooldown) > 0 ? hint : cooldown;
        return now.plus(wait);
    }
}
