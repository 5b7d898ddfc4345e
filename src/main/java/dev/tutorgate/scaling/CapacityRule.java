package dev.tutorgate.scaling;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.limits.ProviderLimits;
import dev.tutorgate.limits.TierCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a provider's keys together cover the peak of the last 24 hours with the wanted headroom,
 * and what to do when they do not: add keys (when each key has limits of its own) or upgrade the
 * tier (when the keys share one account's limits, more of them add nothing).
 */
final class CapacityRule {
    private static final List<String> TIERS = List.of("free", "tier1", "tier2", "tier3", "tier4", "tier5");

    private final TierCatalog catalog;
    /** The share of capacity the peak may use: 1 − headroomTarget. */
    private final BigDecimal usable;
    private final String headroomPercent;

    CapacityRule(TierCatalog catalog, double headroomTarget) {
        this.catalog = catalog;
        BigDecimal target = BigDecimal.valueOf(headroomTarget);
        this.usable = BigDecimal.ONE.subtract(target);
        this.headroomPercent = target.movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /** Empty for a provider without limits, or with nothing observed yet. */
    Optional<Advice> advise(ProviderTier p) {
        Long rpm = p.requestsPerMinute().limit();
        Long tpm = p.tokensPerMinute().limit();
        boolean observed = p.peakRequestsPerMinute() > 0 || p.peakTokensPerMinute() > 0 || p.rateLimitedLastDay() > 0;
        if (rpm == null && tpm == null || !observed) {
            return Optional.empty();
        }
        boolean rpmTight = tight(p.peakRequestsPerMinute(), rpm);
        boolean tpmTight = tight(p.peakTokensPerMinute(), tpm);
        long keysNeeded = Math.max(keysNeeded(p.peakRequestsPerMinute(), rpm, p), keysNeeded(p.peakTokensPerMinute(), tpm, p));

        List<Fact> numbers = new ArrayList<>();
        numbers.add(Fact.count("Keys", p.keys(), "keys"));
        numbers.add(Fact.words("Keys share one account's limits", p.keysShareLimits() ? "yes" : "no"));
        addUse(numbers, "RPM", p.peakRequestsPerMinute(), rpm);
        addUse(numbers, "TPM", p.peakTokensPerMinute(), tpm);
        numbers.add(Fact.count("429s from the provider (24 h)", p.rateLimitedLastDay(), "calls"));
        numbers.add(Fact.percent("Headroom wanted", new BigDecimal(headroomPercent)));

        if (!rpmTight && !tpmTight) {
            if (p.rateLimitedLastDay() == 0) {
                return Optional.of(new Advice(Advice.Topic.CAPACITY, Advice.Level.OK, p.provider(),
                        p.provider() + "'s limits cover the peak",
                        "The peak of the last 24 hours leaves at least " + headroomPercent + "% of " + capacityText(p)
                                + " free.", "Nothing to do.", numbers));
            }
            return Optional.of(new Advice(Advice.Topic.CAPACITY, Advice.Level.WARNING, p.provider(),
                    "Check " + p.provider() + "'s real limits: the provider refused calls",
                    "The provider answered 429 to " + Fact.amount(p.rateLimitedLastDay(), "calls")
                            + " in the last 24 hours although the peak left at least " + headroomPercent + "% of "
                            + capacityText(p) + " free: another application may share the account, or its limits are"
                            + " lower than configured.",
                    "Compare the limits in the provider's console with providers[" + p.provider() + "].tier and limits;"
                            + " the key rows of the tier monitor show what the provider's headers report.", numbers));
        }
        String why = capitalised((rpmTight ? peakText(p.peakRequestsPerMinute(), rpm, "RPM") : "")
                + (rpmTight && tpmTight ? "; " : "")
                + (tpmTight ? peakText(p.peakTokensPerMinute(), tpm, "TPM") : "")
                + " — less than the " + headroomPercent + "% headroom wanted"
                + (p.rateLimitedLastDay() > 0 ? "; the provider answered 429 to "
                + Fact.amount(p.rateLimitedLastDay(), "calls") + " in the last 24 hours" : "") + ".");
        Optional<NextTier> next = nextTier(p);
        String upgrade = next.map(t -> "upgrade to " + t.describe(p.keysShareLimits()))
                .orElse("ask the provider for higher limits");
        if (p.keysShareLimits()) {
            return Optional.of(new Advice(Advice.Topic.CAPACITY, Advice.Level.WARNING, p.provider(),
                    next.map(t -> "Upgrade " + p.provider() + " to " + t.name())
                            .orElse("Ask for higher limits on " + p.provider()), why,
                    "Its " + p.keys() + " keys share one account's limits, so another key of the same account adds"
                            + " nothing: " + upgrade + ", or add a key of another " + account(p) + " as its own provider"
                            + " entry (round-robin then adds its limits).", numbers));
        }
        numbers.add(Fact.count("Keys needed for the peak", keysNeeded, "keys"));
        long add = Math.max(1, keysNeeded - p.keys());
        return Optional.of(new Advice(Advice.Topic.CAPACITY, Advice.Level.WARNING, p.provider(),
                "Add " + add + " API key" + (add == 1 ? "" : "s") + " to " + p.provider(), why,
                "Add keys from other " + account(p) + "s (round-robin adds their limits: " + (p.keys() + add) + " keys give "
                        + capacityText(p, p.keys() + add) + "), or " + upgrade + ".", numbers));
    }

    /** peak > limit × (1 − headroomTarget). */
    private boolean tight(long peak, Long limit) {
        return limit != null && BigDecimal.valueOf(peak).compareTo(usable.multiply(BigDecimal.valueOf(limit))) > 0;
    }

    /** Keys of this provider's per-key limit needed for the peak to leave the wanted headroom. */
    private long keysNeeded(long peak, Long limit, ProviderTier p) {
        if (limit == null || limit == 0 || p.keysShareLimits()) {
            return p.keys();
        }
        BigDecimal perKey = BigDecimal.valueOf(limit).divide(BigDecimal.valueOf(p.keys()), java.math.MathContext.DECIMAL64);
        BigDecimal usablePerKey = perKey.multiply(usable);
        if (usablePerKey.signum() == 0) {
            return p.keys();
        }
        return BigDecimal.valueOf(peak).divide(usablePerKey, 0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static void addUse(List<Fact> numbers, String unit, long peak, Long limit) {
        if (limit == null) {
            return;
        }
        numbers.add(Fact.count("Capacity " + unit, limit, unit));
        numbers.add(Fact.count("Peak " + unit + " (24 h)", peak, unit));
        numbers.add(Fact.percent("Peak share of " + unit, LimitUse.percent(peak, limit)));
    }

    private static String peakText(long peak, long limit, String unit) {
        return "the peak of " + Fact.amount(peak, unit) + " is " + LimitUse.percent(peak, limit)
                + "% of the " + Fact.amount(limit, unit) + " the keys allow together";
    }

    private static String capacityText(ProviderTier p) {
        return capacityText(p, p.keys());
    }

    /** "2,000 RPM and 2,000,000 TPM" for {@code keys} keys of this provider's per-key limits. */
    private static String capacityText(ProviderTier p, long keys) {
        List<String> parts = new ArrayList<>();
        Long rpm = p.requestsPerMinute().limit();
        Long tpm = p.tokensPerMinute().limit();
        long per = p.keysShareLimits() ? 1 : p.keys();
        long times = p.keysShareLimits() ? 1 : keys;
        if (rpm != null) {
            parts.add(Fact.amount(rpm / per * times, "RPM"));
        }
        if (tpm != null) {
            parts.add(Fact.amount(tpm / per * times, "TPM"));
        }
        return String.join(" and ", parts);
    }

    /** A published tier above the current one. */
    private record NextTier(String name, long rpm, Long tpm) {
        /** "tier2 (2,000 RPM, 3,000,000 TPM per key)" */
        String describe(boolean perAccount) {
            return name + " (" + Fact.amount(rpm, "RPM") + (tpm != null ? ", " + Fact.amount(tpm, "TPM") : "")
                    + " per " + (perAccount ? "account" : "key") + ")";
        }
    }

    /** The next published tier with more requests per minute than the current one. */
    private Optional<NextTier> nextTier(ProviderTier p) {
        int rank = ScalingThresholds.rank(p.tier());
        ProviderType type = ProviderType.fromId(p.type());
        ProviderLimits current = rank < 0 ? null : catalog.published(type, TIERS.get(rank));
        for (int r = Math.max(rank + 1, 0); r < TIERS.size(); r++) {
            ProviderLimits next = catalog.published(type, TIERS.get(r));
            if (next != null && next.rpm() != null && (current == null || current.rpm() == null || next.rpm() > current.rpm())) {
                return Optional.of(new NextTier(TIERS.get(r), next.rpm(), next.tpm()));
            }
        }
        return Optional.empty();
    }

    private static String account(ProviderTier p) {
        return p.type().equals("gemini") ? "project" : "organisation";
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
