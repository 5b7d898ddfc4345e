package dev.tutorgate.web.auth;

import java.util.List;
import java.util.Optional;

/** Student accounts and their access tokens (stored only as SHA-256 digests). Thread-safe. */
public interface Students {
    /** A new account with a new token. */
    IssuedToken add(String name);

    /**
     * The account called {@code name} with a fresh token (the old one stops working), created if
     * missing: how {@code serve} gives its demo student a printable URL on every start.
     */
    IssuedToken rekey(String name);

    List<StudentAccount> list();

    /** The enabled account whose token this is. */
    Optional<Principal.Student> authenticate(String token);
}
