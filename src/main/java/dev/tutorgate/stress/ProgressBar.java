package dev.tutorgate.stress;

/**
 * One line of progress, ASCII only (stderr may not be UTF-8):
 * {@code [#######-------]  45/100  answered 10  429 35  503 0  errors 0  3.20 s}.
 */
final class ProgressBar {
    static final int WIDTH = 24;

    private ProgressBar() {
    }

    static String line(LiveCounts.Snapshot s) {
        int filled = s.total() == 0 ? WIDTH : (int) (WIDTH * Math.min(s.finished(), s.total()) / s.total());
        String count = String.valueOf(s.total());
        String done = String.valueOf(s.finished());
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]  "
                + " ".repeat(Math.max(0, count.length() - done.length())) + done + "/" + count
                + "  answered " + s.answered() + "  429 " + s.tooMany() + "  503 " + s.unavailable()
                + "  errors " + s.errors() + "  " + Figures.seconds(s.elapsedNanos());
    }
}
