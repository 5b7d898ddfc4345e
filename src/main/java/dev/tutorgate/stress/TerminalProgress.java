package dev.tutorgate.stress;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Redraws one line on a terminal five times a second with a carriage return and clears it at the
 * end, so the report that follows (on stdout) starts on a clean line and never mixes with it.
 */
public final class TerminalProgress implements ProgressDisplay {
    private static final long REDRAW_MILLIS = 200;

    private final PrintStream terminal;
    private ScheduledExecutorService ticker;
    private LiveCounts counts;
    private int shown;
    private boolean stopped;

    public TerminalProgress(PrintStream terminal) {
        this.terminal = terminal;
    }

    @Override
    public synchronized void setup(String message) {
        draw(message);
    }

    @Override
    public synchronized void start(LiveCounts live) {
        counts = live;
        ticker = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("stress-progress").unstarted(r));
        ticker.scheduleAtFixedRate(this::tick, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        draw("");
        terminal.print('\r');
        terminal.flush();
    }

    private synchronized void tick() {
        if (!stopped) { // a tick may have waited for the lock while stop() ran
            draw(ProgressBar.line(counts.snapshot()));
        }
    }

    private void draw(String line) {
        terminal.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        terminal.flush();
        shown = line.length();
    }
}
