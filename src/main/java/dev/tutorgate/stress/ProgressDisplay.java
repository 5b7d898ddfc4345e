package dev.tutorgate.stress;

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

    /** The run is over (or failed): leave the terminal tidy for what follows. Idempotent. */
    void stop();
}
