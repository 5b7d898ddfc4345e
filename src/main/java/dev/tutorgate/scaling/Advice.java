package dev.tutorgate.scaling;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One recommendation of the scaling advisor, with the numbers that led to it.
 *
 * @param provider the provider it is about, or null when it is about the whole setup
 * @param title    what to do, in one line ("Add 2 API keys to gemini-main")
 * @param because  why, with the figures ("the peak of 912 RPM leaves 8.8% of 1,000 RPM free …")
 * @param action   how, in a sentence or two
 * @param numbers  the figures, in the order they matter
 */
public record Advice(Topic topic, Level level, String provider, String title, String because, String action,
                     List<Fact> numbers) {

    public Advice {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        numbers = List.copyOf(numbers);
    }

    /** How urgent, from least to most (the brief's 🟡 "time to plan" is WARNING, 🔴 "act now" CRITICAL). */
    public enum Level {
        /** Fine as it is; the numbers show why. */
        OK,
        /** Worth considering. */
        INFO,
        /** Time to plan. */
        WARNING,
        /** Act now. */
        CRITICAL;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the advice is about, in the order the advisor lists equally urgent advice. */
    public enum Topic {
        TIER, CAPACITY, RATE_LIMITS, ERRORS, LATENCY, COST, HYBRID_ROUTING, CACHING, SELF_HOSTING;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The figure called {@code name}, if the advice has one. */
    public java.util.Optional<Fact> number(String name) {
        return numbers.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
