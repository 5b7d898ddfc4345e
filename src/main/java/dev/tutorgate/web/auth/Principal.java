package dev.tutorgate.web.auth;

/** Who is calling: a student, or the admin. */
public sealed interface Principal {
    record Student(String id, String name) implements Principal {
    }

    record Admin() implements Principal {
    }
}
