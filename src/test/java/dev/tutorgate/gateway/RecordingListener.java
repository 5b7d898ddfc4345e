package dev.tutorgate.gateway;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in order; can play a client that goes away after some deltas. */
class RecordingListener implements AnswerListener {
    final List<Object> events = new CopyOnWriteArrayList<>();
    private final int deltasBeforeLeaving;

    RecordingListener() {
        this(Integer.MAX_VALUE);
    }

    /** A client that refuses the delta after {@code deltasBeforeLeaving} accepted ones. */
    RecordingListener(int deltasBeforeLeaving) {
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

    List<String> deltas() {
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    long outcomes() {
        return events.stream().filter(e -> e instanceof AnswerDone || e instanceof ChatFailure).count();
    }

    AnswerMeta meta() {
        return events.stream().filter(AnswerMeta.class::isInstance).map(AnswerMeta.class::cast).findFirst().orElseThrow();
    }

    AnswerDone done() {
        return (AnswerDone) events.getLast();
    }

    ChatFailure failure() {
        return (ChatFailure) events.getLast();
    }
}
