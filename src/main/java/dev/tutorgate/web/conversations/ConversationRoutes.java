package dev.tutorgate.web.conversations;

import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/conversations} (the student's list) and {@code GET /api/conversations/{id}}
 * (one conversation's messages with their sources): the student's own only — an unknown id is
 * 404, another student's 403.
 */
public final class ConversationRoutes implements Routes {
    private static final int LIST_LIMIT = 50;

    private final ConversationQueries queries;

    public ConversationRoutes(ConversationQueries queries) {
        this.queries = queries;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/api/conversations", ctx -> list(ctx, support));
        app.get("/api/conversations/{id}", ctx -> one(ctx, support));
    }

    private void list(Context ctx, RouteSupport support) {
        Principal.Student student = support.auth().requireStudent(ctx);
        List<ConversationQueries.Summary> conversations = queries.list(student.id(), LIST_LIMIT);
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("conversations");
            for (ConversationQueries.Summary c : conversations) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("title", c.title());
                g.writeStringField("createdAt", c.createdAt().toString());
                g.writeStringField("updatedAt", c.updatedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    private void one(Context ctx, RouteSupport support) {
        Principal.Student student = support.auth().requireStudent(ctx);
        String id = ctx.pathParam("id");
        Optional<String> owner = queries.owner(id);
        if (owner.isEmpty()) {
            throw new ApiException(ErrorCode.CONVERSATION_NOT_FOUND);
        }
        if (!owner.get().equals(student.id())) {
            throw new ApiException(ErrorCode.CONVERSATION_FORBIDDEN);
        }
        List<ConversationQueries.Message> messages = queries.messages(id);
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("conversationId", id);
            g.writeArrayFieldStart("messages");
            for (ConversationQueries.Message m : messages) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                if (m.requestId() != null) {
                    g.writeStringField("requestId", m.requestId());
                }
                if (m.model() != null) {
                    g.writeStringField("model", m.model());
                }
                g.writeArrayFieldStart("sources");
                for (String source : m.sources()) {
                    g.writeString(source);
                }
                g.writeEndArray();
                if (m.stars() != null) {
                    g.writeNumberField("stars", m.stars());
                }
                g.writeStringField("createdAt", m.createdAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
    }
}
