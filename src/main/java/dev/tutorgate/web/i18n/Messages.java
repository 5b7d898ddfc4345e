package dev.tutorgate.web.i18n;

import dev.tutorgate.core.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The friendly sentences students read, in English and Russian, from the bundle
 * {@code dev/tutorgate/web/messages*.properties}. Placeholders are named ({@code {wait}},
 * {@code {max}}) and filled here; durations and counts get the right plural form for the language.
 */
public final class Messages {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, RUSSIAN);

    private static final String BUNDLE = "dev.tutorgate.web.messages";
    /** The bundle's fallback is English, never the JVM's default locale. */
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** The sentence for an error. {@code retryAfterSeconds} null = unknown; {@code maxChars} for message_too_long. */
    public static String error(ErrorCode code, Long retryAfterSeconds, int maxChars, Locale language) {
        String key = "error." + code.code();
        if (retryAfterSeconds == null && has(key + ".unknown", language)) {
            key += ".unknown";
        }
        return fill(text(key, language), Map.of(
                "wait", retryAfterSeconds == null ? "" : duration(retryAfterSeconds, language),
                "max", count(maxChars, "unit.char", language)));
    }

    /**
     * The notice shown with an answer that another model than the routed one gives, or null when
     * the routed model answers ({@code fallbackReason} null): the course excerpts when the offline
     * answerer answers, a cheaper model when the budget chose it, else "an alternative model".
     */
    public static String notice(String model, String fallbackReason, Locale language) {
        if (fallbackReason == null) {
            return null;
        }
        boolean offline = "offline".equals(model);
        boolean budget = "budget".equals(fallbackReason);
        String key = budget ? (offline ? "notice.budget_offline" : "notice.budget")
                : offline ? "notice.offline" : "notice.fallback";
        return text(key, language);
    }

    /** A sentence for a bad field of a request, e.g. {@code invalid.stars}. */
    public static String invalid(String field, Locale language) {
        return text("invalid." + field, language);
    }

    /** "42 seconds", "3 minutes", "5 hours" / "42 секунды", "3 минуты", "5 часов": rounded up to a whole unit. */
    public static String duration(long seconds, Locale language) {
        long s = Math.max(1, seconds);
        if (s < 90) {
            return count(s, "unit.second", language);
        }
        if (s < 90 * 60) {
            return count(ceilDiv(s, 60), "unit.minute", language);
        }
        return count(ceilDiv(s, 3600), "unit.hour", language);
    }

    static String count(long n, String unitKey, Locale language) {
        return n + " " + text(unitKey + "." + Plural.of(n, language), language);
    }

    static String text(String key, Locale language) {
        return bundle(language).getString(key);
    }

    private static boolean has(String key, Locale language) {
        return bundle(language).containsKey(key);
    }

    private static ResourceBundle bundle(Locale language) {
        Locale locale = RUSSIAN.getLanguage().equals(language.getLanguage()) ? RUSSIAN : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, locale, NO_DEFAULT_LOCALE);
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{" + value.getKey() + "}", value.getValue());
        }
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** CLDR plural categories for the two languages: English one/other, Russian one/few/many. */
    enum Plural {
        ONE, FEW, MANY, OTHER;

        static String of(long n, Locale language) {
            Plural p;
            if (RUSSIAN.getLanguage().equals(language.getLanguage())) {
                long mod10 = n % 10;
                long mod100 = n % 100;
                if (mod10 == 1 && mod100 != 11) {
                    p = ONE;
                } else if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
                    p = FEW;
                } else {
                    p = MANY;
                }
            } else {
                p = n == 1 ? ONE : OTHER;
            }
            return p.name().toLowerCase(Locale.ROOT);
        }
    }
}
