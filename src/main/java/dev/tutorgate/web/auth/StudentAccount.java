package dev.tutorgate.web.auth;

import java.time.Instant;

/** A student as listed to the admin: never the token. */
public record StudentAccount(String id, String name, Instant createdAt, boolean disabled) {
}
