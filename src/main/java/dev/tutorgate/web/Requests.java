package dev.tutorgate.web;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** What the web layer attaches to every request before its route runs: a request id and the language. */
public final class Requests {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID = "tutorgate.requestId";
    private static final String LANGUAGE = "tutorgate.language";
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private Requests() {
    }

    /** Gives the request its id (echoed in {@code X-Request-Id}) and its language. */
    static void begin(Context ctx, Locale language) {
        String id = newRequestId();
        ctx.attribute(REQUEST_ID, id);
        ctx.attribute(LANGUAGE, language);
        ctx.header(REQUEST_ID_HEADER, id);
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "unknown" : id;
    }

    public static Locale language(Context ctx) {
        Locale language = ctx.attribute(LANGUAGE);
        return language == null ? Locale.ENGLISH : language;
    }

    /**
     * "r" + 25 base-32 characters: the millisecond clock first (ids sort by time in logs and the
     * ledger), then 80 random bits. Never taken from the client: the ledger keys rows by it.
     */
    static String newRequestId() {
        char[] out = new char[26];
        out[0] = 'r';
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 1; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 10; i < 26; i++) {
            long source = i < 22 ? a : b;
            out[i] = ALPHABET[(int) (source & 31)];
            if (i < 22) {
                a >>>= 5;
            } else {
                b >>>= 5;
            }
        }
        return new String(out);
    }
}
