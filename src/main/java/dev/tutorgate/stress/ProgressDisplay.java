package dev.tutorgate.stress;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Shows the run's progress while it lasts; {@link #NONE} shows nothing. */
public interface ProgressDisplay {
    ProgressDisplay NONE = new ProgressDisplay() {
        @Override
        public void setup(String message) {
        }

        @Override
        public void start(LiveCounts counts) {
        }

        @Override
        public void stop() {
        }
    };

    /** A line about the set-up (creating students…). */
    void setup(String message);

    void start(LiveCounts counts);

    /** The run is over: leave the terminal tidy for the report. */
    void stop();

    /**
     * Redraws one line on {@code terminal} five times a second with a carriage return, and clears it
     * at the end — so the report that follows on stdout starts on a clean line.
     */
    static ProgressDisplay on(PrintStream terminal) {
        return new ProgressDisplay() {
            private ScheduledExecutorService ticker;
            private LiveCounts counts;
            private int shown;
            private boolean stopped;

            @Override
            public synchronized void setup(String message) {
                draw(message);
            }

            @Override
            public synchronized void start(LiveCounts live) {
                counts = live;
                ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("stress-progress").unstarted(r));
                ticker.scheduleAtFixedRate(this::tick, 0, 200, TimeUnit.MILLISECONDS);
            }

            private synchronized void tick() {
                if (!stopped) {
                    draw(ProgressBar.line(counts.snapshot()));
                }
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

            private void draw(String line) {
                terminal.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
                terminal.flush();
                shown = line.length();
            }
        };
    }
}
