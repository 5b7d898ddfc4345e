package dev.tutorgate.web.chat;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerListener;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Requests;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.SseStream;
import dev.tutorgate.web.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/chat}: one question, answered as one JSON object or, with
 * {@code Accept: text/event-stream}, as SSE events {@code meta}, {@code delta}…, then {@code done}
 * or {@code error}. A failure before the stream starts (bad input, rate limit, budget…) is an
 * ordinary HTTP error with the contract's JSON; a failure after it is the {@code error} event.
 */
public final class ChatRoutes implements Routes {
    private static final Logger log = LoggerFactory.getLogger(ChatRoutes.class);

    private final ChatService chat;

    public ChatRoutes(ChatService chat) {
        this.chat = chat;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.post("/api/chat", ctx -> answer(ctx, support));
    }

    private void answer(Context ctx, RouteSupport support) {
        Principal.Student student = support.auth().requireStudent(ctx);
        ChatBody body = ChatBody.from(support.bodies().jsonObject(ctx));
        boolean streamed = wantsEventStream(ctx);
        ChatCommand command = new ChatCommand(Requests.requestId(ctx), student.id(), body.conversationId(),
                body.message(), Requests.language(ctx), streamed, null);
        if (streamed) {
            streamAnswer(ctx, support, command);
        } else {
            jsonAnswer(ctx, command);
        }
    }

    static boolean wantsEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    private void jsonAnswer(Context ctx, ChatCommand command) {
        Collector collector = new Collector();
        chat.answer(command, collector);
        if (collector.done != null) {
            ctx.contentType("application/json; charset=utf-8").result(AnswerJson.reply(collector.done, collector.meta));
        } else {
            throw failure(collector.failure, command.requestId());
        }
    }

    private void streamAnswer(Context ctx, RouteSupport support, ChatCommand command) {
        StreamingListener listener = new StreamingListener(ctx, support, command);
        try {
            chat.answer(command, listener);
        } catch (RuntimeException bug) {
            if (listener.stream == null) {
                throw bug;
            }
            log.error("request {}: the chat service failed mid-stream", command.requestId(), bug);
            listener.onError(new ChatFailure(command.requestId(), ErrorCode.INTERNAL, null, "exception"));
        } finally {
            if (listener.stream != null) {
                listener.stream.close();
            }
        }
        if (listener.stream == null) {
            throw failure(listener.failure, command.requestId());
        }
    }

    private static ApiException failure(ChatFailure failure, String requestId) {
        if (failure == null) {
            log.error("request {}: the chat service returned without an outcome", requestId);
            return new ApiException(ErrorCode.INTERNAL);
        }
        return new ApiException(failure.code(), failure.retryAfterSeconds(), null);
    }

    /** Gathers a whole answer for the JSON reply. */
    private static final class Collector implements AnswerListener {
        volatile AnswerMeta meta;
        volatile AnswerDone done;
        volatile ChatFailure failure;

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

    /** Writes events as they come; the stream starts (status 200) with the first of them. */
    private static final class StreamingListener implements AnswerListener {
        private final Context ctx;
        private final RouteSupport support;
        private final ChatCommand command;
        volatile SseStream stream;
        volatile ChatFailure failure;

        StreamingListener(Context ctx, RouteSupport support, ChatCommand command) {
            this.ctx = ctx;
            this.support = support;
            this.command = command;
        }

        private synchronized SseStream stream() {
            if (stream == null) {
                stream = support.startSse(ctx);
            }
            return stream;
        }

        @Override
        public void onMeta(AnswerMeta meta) {
            stream().event("meta", AnswerJson.meta(meta));
        }

        @Override
        public boolean onDelta(String text) {
            return stream().event("delta", AnswerJson.delta(text));
        }

        @Override
        public void onDone(AnswerDone done) {
            stream().event("done", AnswerJson.done(done));
        }

        @Override
        public void onError(ChatFailure failure) {
            if (stream == null) {
                this.failure = failure; // nothing sent yet: it becomes an HTTP error with its status
                return;
            }
            stream.event("error", support.errors().contractJson(failure.code(), failure.retryAfterSeconds(), null,
                    command.language(), command.requestId()));
        }
    }
}
