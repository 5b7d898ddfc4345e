package dev.tutorgate.provider;

import java.net.URI;
import java.util.Locale;

/**
 * Joins a configured base URL and an API path. A base URL may be given with or without the API's
 * version segment ("http://localhost:8000" and "http://localhost:8000/v1" both work, as do
 * trailing slashes), and may even be the full endpoint.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * The base URL up to and including {@code version} (e.g. "/v1"), without a trailing slash.
     *
     * @throws IllegalArgumentException when {@code baseUrl} is not an absolute http(s) URL
     */
    public static String versioned(String baseUrl, String version) {
        String base = trimSlashes(baseUrl);
        URI uri = URI.create(base);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL: " + baseUrl);
        }
        int at = base.indexOf(version + "/", base.indexOf("//") + 2);
        if (at >= 0) {
            return base.substring(0, at + version.length()); // e.g. ".../v1/chat/completions" given whole
        }
        return base.endsWith(version) ? base : base + version;
    }

    private static String trimSlashes(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
