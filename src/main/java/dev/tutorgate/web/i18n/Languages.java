package dev.tutorgate.web.i18n;

import java.util.List;
import java.util.Locale;

/** Picks the student's language from {@code Accept-Language} (with q-values), else the configured default. */
public final class Languages {
    private static final List<String> TAGS = Messages.SUPPORTED.stream().map(Locale::toLanguageTag).toList();

    private final Locale fallback;

    public Languages(String configuredDefault) {
        this.fallback = supported(configuredDefault);
    }

    public Locale fallback() {
        return fallback;
    }

    public Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        try {
            // Ranges come sorted by q; lookupTag also matches "ru-RU" to "ru" and skips q=0.
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), TAGS);
            return tag == null ? fallback : Locale.forLanguageTag(tag);
        } catch (IllegalArgumentException malformed) {
            return fallback;
        }
    }

    private static Locale supported(String tag) {
        if (tag != null) {
            for (Locale locale : Messages.SUPPORTED) {
                if (locale.getLanguage().equalsIgnoreCase(tag.trim())) {
                    return locale;
                }
            }
        }
        return Messages.ENGLISH;
    }
}
