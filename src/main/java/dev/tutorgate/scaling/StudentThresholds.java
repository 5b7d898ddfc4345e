package dev.tutorgate.scaling;

/**
 * The brief's thresholds table: the setup a course of a given size should run on, and what it
 * costs a month. The brief's rows share their edges ("50–100", "100–300"); a count on an edge
 * takes the larger setup, except 500, which the brief still gives to Tier 2 ("300–500", "> 500").
 */
enum StudentThresholds {
    FREE(0, 49, "< 50", "Free tier + Gemini Flash", "$0–150", "free"),
    TIER1_CACHING(50, 99, "50–100", "Tier 1 + prompt caching", "$150–350", "tier1"),
    TIER1_OPTIMISED(100, 299, "100–300", "Tier 1 + aggressive optimisation", "$350–900", "tier1"),
    TIER2_HYBRID(300, 500, "300–500", "Tier 2 + hybrid models", "$900–2,000", "tier2"),
    NEGOTIATE(501, Long.MAX_VALUE, "> 500", "Negotiate with the provider or self-host", "$2,000+", null);

    final long minStudents;
    final long maxStudents;
    final String students;
    final String setup;
    final String monthlyCost;
    /** The tier the row asks for; null beyond the published tiers. */
    final String tier;

    StudentThresholds(long minStudents, long maxStudents, String students, String setup, String monthlyCost,
                      String tier) {
        this.minStudents = minStudents;
        this.maxStudents = maxStudents;
        this.students = students;
        this.setup = setup;
        this.monthlyCost = monthlyCost;
        this.tier = tier;
    }

    static StudentThresholds forStudents(long students) {
        for (StudentThresholds row : values()) {
            if (students <= row.maxStudents) {
                return row;
            }
        }
        return NEGOTIATE;
    }

    /** "free" 0, "tier1" 1 … "tier5" 5; -1 for custom, none or unknown (never advised about). */
    static int rank(String tier) {
        if (tier == null) {
            return -1;
        }
        return switch (tier.toLowerCase(java.util.Locale.ROOT)) {
            case "free" -> 0;
            case "tier1" -> 1;
            case "tier2" -> 2;
            case "tier3" -> 3;
            case "tier4" -> 4;
            case "tier5" -> 5;
            default -> -1;
        };
    }
}
