package dev.tutorgate.web.health;

/** One thing that must work before the server takes questions (the course is loaded, the ledger is writable). */
public interface ReadinessCheck {
    String name();

    /** Null when ready; otherwise a short reason for operators (never a secret). Must not hang. */
    String problem();
}
