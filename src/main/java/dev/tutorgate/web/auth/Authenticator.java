package dev.tutorgate.web.auth;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Optional;

/**
 * Who is calling. The token comes from {@code Authorization: Bearer …} or, for the pages, from the
 * cookie the page's {@code ?token=} link set. No or an unknown token → 401; a valid token of the
 * wrong kind (a student's on admin paths, the admin's on student paths) → 403.
 */
public final class Authenticator {
    public static final String STUDENT_COOKIE = "tutorgate_student";
    public static final String ADMIN_COOKIE = "tutorgate_admin";
    private static final String PRINCIPAL = "tutorgate.principal";

    private final Students students;
    private final AdminToken admin;

    public Authenticator(Students students, AdminToken admin) {
        this.students = students;
        this.admin = admin;
    }

    public Principal.Student requireStudent(Context ctx) {
        Principal principal = identify(ctx, STUDENT_COOKIE, ADMIN_COOKIE);
        if (principal instanceof Principal.Student student) {
            return student;
        }
        throw new ApiException(ErrorCode.FORBIDDEN);
    }

    public void requireAdmin(Context ctx) {
        if (!(identify(ctx, ADMIN_COOKIE, STUDENT_COOKIE) instanceof Principal.Admin)) {
            throw new ApiException(ErrorCode.FORBIDDEN);
        }
    }

    /** The principal a raw token stands for, if any (the pages use it before setting a cookie). */
    public Optional<Principal> resolve(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (admin.matches(token)) {
            return Optional.of(new Principal.Admin());
        }
        return students.authenticate(token).map(Principal.class::cast);
    }

    private Principal identify(Context ctx, String ownCookie, String otherCookie) {
        Principal known = ctx.attribute(PRINCIPAL);
        if (known != null) {
            return known;
        }
        String header = ctx.header("Authorization");
        String token;
        boolean fromCookie = false;
        if (header != null) {
            token = bearer(header);
        } else {
            token = ctx.cookie(ownCookie);
            if (token == null) {
                token = ctx.cookie(otherCookie);
            }
            fromCookie = token != null;
        }
        Principal principal = resolve(token).orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
        if (fromCookie && !sameOrigin(ctx)) {
            // Cookies ride along on cross-site requests; a changing request from another site is refused.
            throw new ApiException(ErrorCode.FORBIDDEN);
        }
        ctx.attribute(PRINCIPAL, principal);
        return principal;
    }

    private static String bearer(String header) {
        String trimmed = header.strip();
        if (trimmed.length() > 7 && trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return trimmed.substring(7).strip();
        }
        return null;
    }

    private static boolean sameOrigin(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.header("Host");
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
