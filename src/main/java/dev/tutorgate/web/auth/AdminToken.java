package dev.tutorgate.web.auth;

/** The admin's token, held only as its digest; compared in constant time. */
public final class AdminToken {
    private final byte[] digest;

    public AdminToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be empty");
        }
        this.digest = AccessTokens.sha256(token);
    }

    public boolean matches(String candidate) {
        return candidate != null && AccessTokens.sameDigest(digest, AccessTokens.sha256(candidate));
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
