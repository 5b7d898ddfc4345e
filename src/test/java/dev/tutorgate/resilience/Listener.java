package dev.tutorgate.resilience;

import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerListener;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the student received, in order; can play a student who leaves after some deltas. */
final class Listener implements AnswerListener {
    final List<Object> events = new CopyOnWriteArrayList<>();
    private final int deltasBeforeLeaving;

    Listener() {
        this(Integer.MAX_VALUE);
    }

    Listener(int deltasBeforeLeaving) {
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

    String text() {
        return String.join("", deltas());
    }

    long outcomes() {
        return events.stream().filter(e -> e instanceof AnswerDone || e instanceof ChatFailure).count();
    }

    List<AnswerMeta> metas() {
        return events.stream().filter(AnswerMeta.class::isInstance).map(AnswerMeta.class::cast).toList();
    }

    AnswerMeta meta() {
        return metas().getFirst();
    }

    AnswerDone done() {
        Object last = events.getLast();
        if (!(last instanceof AnswerDone done)) {
            throw new AssertionError("expected an answer, got " + last);
        }
        return done;
    }

    ChatFailure failure() {
        Object last = events.getLast();
        if (!(last instanceof ChatFailure failure)) {
            throw new AssertionError("expected a failure, got " + last);
        }
        return failure;
    }

    /** "answered by MODEL", "failed: CODE", as the student saw it. */
    String outcome() {
        Object last = events.getLast();
        return last instanceof AnswerDone done ? "answered by " + done.model()
                : "failed: " + ((ChatFailure) last).code().code();
    }
}
