package dev.tutorgate.stress;

/** A student the stress test created, with the token it asks with (never printed). */
public record StudentToken(String name, String token) {
    @Override
    public String toString() {
        return "StudentToken[" + name + "]";
    }
}
