package dev.tutorgate.stress;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a stress run does (the admin token travels separately, so a plan can be printed).
 *
 * @param baseUrl        the server's root, ending in "/"
 * @param limitPerMinute the per-student limit to check against; empty = ask the server, else 10
 */
public record StressPlan(URI baseUrl, int requests, int concurrency, int students, QuestionMix questions,
                         boolean stream, Duration timeout, OptionalInt limitPerMinute, LimitRule rule) {
    public static final int MAX_REQUESTS = 1_000_000;
    public static final int MAX_CONCURRENCY = 10_000;
    public static final int DEFAULT_LIMIT_PER_MINUTE = 10;

    public StressPlan {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(questions, "questions");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(limitPerMinute, "limitPerMinute");
        Objects.requireNonNull(rule, "rule");
        requireBetween("--requests", requests, 1, MAX_REQUESTS);
        requireBetween("--concurrency", concurrency, 1, MAX_CONCURRENCY);
        requireBetween("--students", students, 1, requests);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout-seconds must be at least 1");
        }
        limitPerMinute.ifPresent(limit -> requireBetween("--limit-per-minute", limit, 1, 1_000_000));
    }

    /**
     * The server's root from what a person typed: {@code http(s)://host[:port][/path]}, with the
     * trailing slash added so {@code api/chat} resolves beneath the path.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a URL: " + text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http:// or https:// address with a host, "
                    + "e.g. http://127.0.0.1:8080/ (was: " + text + ")");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--url must be the server's address without ?query, #fragment or user:password@");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }

    private static void requireBetween(String option, int value, int min, int max) {
        if (value < min || value > max) {
            String range = option.equals("--students") ? "between 1 and --requests (" + max + ")" : "between " + min + " and " + max;
            throw new IllegalArgumentException(option + " must be " + range + ", was " + value);
        }
    }
}
