package dev.tutorgate.web.chat;

import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.JsonReply;
import dev.tutorgate.web.Requests;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.SseStream;
import dev.tutorgate.web.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /api/chat}: one question, answered as one JSON object or, with
 * {@code Accept: text/event-stream}, as SSE events {@code meta}, {@code delta}…, then {@code done}
 * or {@code error}. A failure before the stream starts (bad input, rate limit, budget…) is an
 * ordinary HTTP error with the contract's JSON; a failure after it is the {@code error} event.
 */
public final class ChatRoutes implements Routes {
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
            new EventWriter(ctx, support, command).run(chat);
        } else {
            jsonAnswer(ctx, command);
        }
    }

    static boolean wantsEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    private void jsonAnswer(Context ctx, ChatCommand command) {
        AnswerCollector.Collected answer = AnswerCollector.answer(chat, command);
        JsonReply.send(ctx, "application/json; charset=utf-8",
                AnswerJson.reply(answer.done(), answer.meta(), command.language()));
    }

    /** tutorgate's events: {@code meta}, {@code delta}…, {@code done} or {@code error}. */
    private static final class EventWriter extends StreamedAnswer {
        EventWriter(Context ctx, RouteSupport support, ChatCommand command) {
            super(ctx, support, command);
        }

        @Override
        public void onMeta(AnswerMeta meta) {
            stream().event("meta", AnswerJson.meta(meta, command.language()));
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
        protected void writeError(SseStream stream, ChatFailure failure) {
            stream.event("error", support().errors().contractJson(failure.code(), failure.retryAfterSeconds(), null,
                    command.language(), command.requestId()));
        }
    }
}
