package dev.tutorgate.web.chat;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerListener;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gathers a whole answer for a one-object reply; a failure becomes the contract's error. */
public final class AnswerCollector implements AnswerListener {
    private static final Logger log = LoggerFactory.getLogger(AnswerCollector.class);

    private volatile AnswerMeta meta;
    private volatile AnswerDone done;
    private volatile ChatFailure failure;

    /** Asks {@code chat} and returns the finished answer, or throws the failure as an {@link ApiException}. */
    public static Collected answer(ChatService chat, ChatCommand command) {
        AnswerCollector collector = new AnswerCollector();
        chat.answer(command, collector);
        if (collector.done == null) {
            throw toApiException(collector.failure, command.requestId());
        }
        return new Collected(collector.meta, collector.done);
    }

    /** @param meta null when the service sent none */
    public record Collected(AnswerMeta meta, AnswerDone done) {
    }

    static ApiException toApiException(ChatFailure failure, String requestId) {
        if (failure == null) {
            log.error("request {}: the chat service returned without an outcome", requestId);
            return new ApiException(ErrorCode.INTERNAL);
        }
        return new ApiException(failure.code(), failure.retryAfterSeconds(), null);
    }

    @Override
    public void onMeta(AnswerMeta meta) {
        this.meta = meta;
    }

    @Override
    public boolean onDelta(String text) {
        return true;
    }

    @Override
    public void onDone(AnswerDone done) {
        this.done = done;
    }

    @Override
    public void onError(ChatFailure failure) {
        this.failure = failure;
    }
}
