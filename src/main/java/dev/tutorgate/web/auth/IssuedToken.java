package dev.tutorgate.web.auth;

/** A student account and its access token, shown once when issued and never again. */
public record IssuedToken(StudentAccount student, String token) {
    @Override
    public String toString() {
        return "IssuedToken[student=" + student + ", token=***]";
    }
}
