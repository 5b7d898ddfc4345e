package dev.tutorgate.web.chat;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.gateway.AnswerListener;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.SseStream;
import io.javalin.http.Context;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer written as Server-Sent Events, in some format (tutorgate's events, OpenAI's chunks).
 * The stream — status 200 — starts with the first event; a failure before it is thrown as an
 * ordinary HTTP error with its own status (refusals such as 429 and 503 come within milliseconds),
 * a failure after it is written into the stream. If nothing has been said for one heartbeat
 * interval (a slow first token, retries), the stream starts anyway with a heartbeat, so that
 * proxies and clients do not give up on a silent connection.
 */
public abstract class StreamedAnswer implements AnswerListener {
    private static final Logger log = LoggerFactory.getLogger(StreamedAnswer.class);

    private final Context ctx;
    private final RouteSupport support;
    protected final ChatCommand command;
    private volatile SseStream stream;
    private volatile ChatFailure earlyFailure;
    private boolean finished;

    protected StreamedAnswer(Context ctx, RouteSupport support, ChatCommand command) {
        this.ctx = ctx;
        this.support = support;
        this.command = command;
    }

    /** Asks {@code chat}, streaming as it answers; throws the failure if nothing was streamed. */
    public final void run(ChatService chat) {
        ScheduledFuture<?> early = support.timer().schedule(() -> Thread.startVirtualThread(this::startIfSilent),
                support.sseHeartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            chat.answer(command, this);
        } catch (RuntimeException bug) {
            if (stream == null) {
                throw bug;
            }
            log.error("request {}: the chat service failed mid-stream", command.requestId(), bug);
            onError(new ChatFailure(command.requestId(), ErrorCode.INTERNAL, null, "exception"));
        } finally {
            early.cancel(false);
            synchronized (this) {
                finished = true;
            }
            if (stream != null) {
                stream.close();
            }
        }
        if (stream == null) {
            throw AnswerCollector.toApiException(earlyFailure, command.requestId());
        }
    }

    /** The stream, started on first use. */
    protected final synchronized SseStream stream() {
        if (stream == null) {
            stream = support.startSse(ctx);
        }
        return stream;
    }

    private synchronized void startIfSilent() {
        if (stream == null && !finished) {
            stream().heartbeat();
        }
    }

    protected final RouteSupport support() {
        return support;
    }

    @Override
    public final void onError(ChatFailure failure) {
        if (stream == null) {
            earlyFailure = failure;
        } else {
            writeError(stream, failure);
        }
    }

    /** Writes a failure that happened after the stream started. */
    protected abstract void writeError(SseStream stream, ChatFailure failure);
}
