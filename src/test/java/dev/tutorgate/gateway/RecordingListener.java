package dev.tutorgate.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the student received, in order: every event a chat answer sends. Can play a client that
 * goes away after some deltas. Shared by the pipeline's and the resilience tests.
 */
public class RecordingListener implements AnswerListener {
    public final List<Object> events = new CopyOnWriteArrayList<>();
    private final int deltasBeforeLeaving;

    public RecordingListener() {
        this(Integer.MAX_VALUE);
    }

    /** A client that refuses the delta after {@code deltasBeforeLeaving} accepted ones. */
    public RecordingListener(int deltasBeforeLeaving) {
        this.deltasBeforeLeaving = deltasBeforeLeaving;
    }

    @Override
    public void onMeta(AnswerMeta meta) {
        events.add(meta);
    }

    @Override
    public boolean onDelta(String text) {
        if (deltas().size() >= deltasBeforeLeaving) {
            return false;
        }
        events.add(text);
        return true;
    }

    @Override
    public void onDone(AnswerDone done) {
        events.add(done);
    }

    @Override
    public void onError(ChatFailure failure) {
        events.add(failure);
    }

    public List<String> deltas() {
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** The deltas joined: the answer as the student read it. */
    public String text() {
        return String.join("", deltas());
    }

    /** How many final events (an answer or a failure) arrived: exactly one, always. */
    public long outcomes() {
        return events.stream().filter(e -> e instanceof AnswerDone || e instanceof ChatFailure).count();
    }

    public List<AnswerMeta> metas() {
        return events.stream().filter(AnswerMeta.class::isInstance).map(AnswerMeta.class::cast).toList();
    }

    public AnswerMeta meta() {
        return metas().getFirst();
    }

    public AnswerDone done() {
        Object last = events.getLast();
        if (!(last instanceof AnswerDone done)) {
            throw new AssertionError("expected an answer, got " + last);
        }
        return done;
    }

    public ChatFailure failure() {
        Object last = events.getLast();
        if (!(last instanceof ChatFailure failure)) {
            throw new AssertionError("expected a failure, got " + last);
        }
        return failure;
    }

    /** "answered by MODEL", "failed: CODE", as the student saw it. */
    public String outcome() {
        Object last = events.getLast();
        return last instanceof AnswerDone done ? "answered by " + done.model()
                : "failed: " + ((ChatFailure) last).code().code();
    }
}
