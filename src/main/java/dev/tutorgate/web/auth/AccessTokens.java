package dev.tutorgate.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Access tokens: 192 random bits, URL-safe, with a prefix that says whose they are
 * ({@code tgs_} student, {@code tga_} admin) so a leaked one is recognisable. Only SHA-256 digests
 * are stored; digests are compared in constant time.
 */
public final class AccessTokens {
    public static final String STUDENT_PREFIX = "tgs_";
    public static final String ADMIN_PREFIX = "tga_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private AccessTokens() {
    }

    public static String newStudentToken() {
        return STUDENT_PREFIX + randomText(24);
    }

    public static String newAdminToken() {
        return ADMIN_PREFIX + randomText(24);
    }

    /** A short random id (72 bits) for rows people read, e.g. student ids. */
    public static String newId(String prefix) {
        return prefix + randomText(9);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** Constant-time comparison of two digests (or any two byte strings). */
    public static boolean sameDigest(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return URL_SAFE.encodeToString(random);
    }
}
