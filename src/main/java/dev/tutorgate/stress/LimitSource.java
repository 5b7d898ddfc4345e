package dev.tutorgate.stress;

/** Where the per-student limit the run checks against came from. */
public enum LimitSource {
    OPTION("from --limit-per-minute"),
    SERVER("the server's own (from /api/admin/summary)"),
    DEFAULT("the default; pass --limit-per-minute if the server is configured otherwise");

    private final String description;

    LimitSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
