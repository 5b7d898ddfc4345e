package dev.tutorgate.web.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Bodies;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.auth.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /api/feedback {"requestId", "stars": 1-5, "comment"?}}: a student rates one of their
 * own answers; rating again replaces the earlier rating. An id that is not one of this student's
 * answers is 404 (whose it is, is not told).
 */
public final class FeedbackRoutes implements Routes {
    static final int MAX_COMMENT_CHARS = 2000;

    private final FeedbackStore store;

    public FeedbackRoutes(FeedbackStore store) {
        this.store = store;
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.post("/api/feedback", ctx -> rate(ctx, support));
    }

    private void rate(Context ctx, RouteSupport support) {
        Principal.Student student = support.auth().requireStudent(ctx);
        ObjectNode body = support.bodies().jsonObject(ctx);
        String requestId = Bodies.requiredText(body, "requestId");
        int stars = stars(body.get("stars"));
        String comment = Bodies.optionalText(body, "comment");
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            throw ApiException.invalid("comment");
        }
        String cleanComment = comment == null || comment.isBlank() ? null : comment.strip();
        if (requestId.isBlank() || !store.isAnswerOf(requestId, student.id())) {
            throw new ApiException(ErrorCode.REQUEST_NOT_FOUND);
        }
        store.save(requestId, student.id(), stars, cleanComment, support.clock().instant());
        ctx.contentType("application/json; charset=utf-8").result(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("requestId", requestId);
            g.writeNumberField("stars", stars);
            g.writeStringField("comment", cleanComment);
            g.writeEndObject();
        }));
    }

    /** A whole number 1–5: 4.0 is fine, 4.5, "4", true and 6 are not. */
    static int stars(JsonNode value) {
        if (value == null || !value.isNumber() || !isWhole(value)) {
            throw ApiException.invalid("stars");
        }
        int stars = value.asInt();
        if (stars < 1 || stars > 5 || value.asDouble() != stars) {
            throw ApiException.invalid("stars");
        }
        return stars;
    }

    private static boolean isWhole(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToInt();
        }
        return value.decimalValue().stripTrailingZeros().scale() <= 0;
    }
}
