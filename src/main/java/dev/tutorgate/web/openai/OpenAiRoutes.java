package dev.tutorgate.web.openai;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.gateway.ChatCommand;
import dev.tutorgate.gateway.ChatFailure;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.JsonReply;
import dev.tutorgate.web.Requests;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.SseStream;
import dev.tutorgate.web.auth.Principal;
import dev.tutorgate.web.chat.AnswerCollector;
import dev.tutorgate.web.chat.StreamedAnswer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The OpenAI-compatible API for other applications, with a student's token as the API key:
 * {@code POST /v1/chat/completions} (plain or {@code stream: true}) and {@code GET /v1/models}.
 * {@code model: "auto"} routes by the question's complexity; a configured model name or
 * {@code offline} asks for that model. Errors take OpenAI's shape (see ErrorRenderer).
 */
public final class OpenAiRoutes implements Routes {
    public static final String AUTO = "auto";
    public static final String OFFLINE = "offline";

    private final ChatService chat;
    private final List<String> modelIds;
    private final Set<String> requestable;
    private final String modelsJson;

    /** @param configuredModels the names of the configured models, in configuration order */
    public OpenAiRoutes(ChatService chat, List<String> configuredModels) {
        this.chat = chat;
        List<String> ids = new ArrayList<>();
        ids.add(AUTO);
        ids.addAll(configuredModels);
        ids.add(OFFLINE);
        this.modelIds = List.copyOf(ids);
        this.requestable = Set.copyOf(ids);
        this.modelsJson = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String id : modelIds) {
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeStringField("object", "model");
                g.writeNumberField("created", 0);
                g.writeStringField("owned_by", "tutorgate");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.post("/v1/chat/completions", ctx -> complete(ctx, support));
        app.get("/v1/models", ctx -> {
            support.auth().requireStudent(ctx);
            ctx.contentType("application/json").result(modelsJson);
        });
    }

    private void complete(Context ctx, RouteSupport support) {
        Principal.Student student = support.auth().requireStudent(ctx);
        OpenAiRequest request = OpenAiRequest.parse(support.bodies().read(ctx));
        if (!requestable.contains(request.model())) {
            throw new ApiException(ErrorCode.MODEL_NOT_FOUND);
        }
        String requestId = Requests.requestId(ctx);
        ChatCommand command = new ChatCommand(requestId, student.id(), null, request.question(),
                Requests.language(ctx), request.stream(), AUTO.equals(request.model()) ? null : request.model(),
                request.history());
        String id = "chatcmpl-" + requestId;
        long created = support.clock().instant().getEpochSecond();
        if (request.stream()) {
            new ChunkWriter(ctx, support, command, request, id, created).run(chat);
        } else {
            AnswerDone done = AnswerCollector.answer(chat, command).done();
            JsonReply.send(ctx, "application/json", OpenAiJson.completion(id, created, done));
        }
    }

    /** Turns answer events into {@code chat.completion.chunk}s, then {@code data: [DONE]}. */
    private static final class ChunkWriter extends StreamedAnswer {
        private final OpenAiRequest request;
        private final String id;
        private final long created;
        private volatile String model;
        private volatile boolean roleSent;

        ChunkWriter(Context ctx, RouteSupport support, ChatCommand command, OpenAiRequest request, String id, long created) {
            super(ctx, support, command);
            this.request = request;
            this.id = id;
            this.created = created;
            this.model = request.model();
        }

        @Override
        public void onMeta(AnswerMeta meta) {
            model = meta.model();
            roleSent = true;
            stream().data(OpenAiJson.chunk(id, created, model, "assistant", ""));
        }

        @Override
        public boolean onDelta(String text) {
            String role = roleSent ? null : "assistant";
            roleSent = true;
            return stream().data(OpenAiJson.chunk(id, created, model, role, text));
        }

        @Override
        public void onDone(AnswerDone done) {
            SseStream out = stream();
            out.data(OpenAiJson.finish(id, created, done.model()));
            if (request.includeUsage()) {
                out.data(OpenAiJson.usageChunk(id, created, done));
            }
            out.data("[DONE]");
        }

        @Override
        protected void writeError(SseStream stream, ChatFailure failure) {
            stream.data(support().errors().openAiJson(failure.code(), failure.retryAfterSeconds(), null, command.language()));
        }
    }
}
