package dev.tutorgate.web.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tutorgate.core.ErrorCode;
import dev.tutorgate.monitoring.Monitoring;
import dev.tutorgate.monitoring.Range;
import dev.tutorgate.monitoring.RequestDetail;
import dev.tutorgate.monitoring.RequestFilter;
import dev.tutorgate.monitoring.ReviewQueue;
import dev.tutorgate.monitoring.SummaryJson;
import dev.tutorgate.web.ApiException;
import dev.tutorgate.web.Bodies;
import dev.tutorgate.web.RouteSupport;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.metrics.MetricsRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's data, behind the admin token ({@link AdminGuard} checks it first):
 * <ul>
 *   <li>{@code GET /api/admin/summary?period=|from=&to=} — every figure of the range ({@link dev.tutorgate.monitoring.Summary})
 *   <li>{@code GET /api/admin/requests?student=&model=&outcome=&period=|from=&to=&before=&limit=} — the request log, newest first
 *   <li>{@code GET /api/admin/requests.csv?…} — the same lines as CSV, streamed
 *   <li>{@code GET /api/admin/requests/{requestId}} — one request: calls, question, answer, sources, rating, review
 *   <li>{@code GET /api/admin/reviews/sample?n=&period=|from=&to=} — answered, unreviewed requests at random
 *   <li>{@code POST /api/admin/reviews {"requestId", "verdict": "correct"|"incorrect", "note"?}}
 * </ul>
 */
public final class MonitoringRoutes implements Routes {
    static final int DEFAULT_PAGE = 50;
    static final int DEFAULT_SAMPLE = 5;

    private final Monitoring monitoring;

    public MonitoringRoutes(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** Everything monitoring serves: this API, the dashboard page, and {@code /metrics}. */
    public static List<Routes> all(Monitoring monitoring) {
        return List.of(new MonitoringRoutes(monitoring),
                new DashboardRoutes(monitoring.config().monitoring().refreshSeconds()),
                new MetricsRoutes(monitoring.metrics()));
    }

    @Override
    public void addTo(Javalin app, RouteSupport support) {
        app.get("/api/admin/summary", ctx -> json(ctx, monitoring.summaries().summary(range(ctx, null))));
        app.get("/api/admin/requests", this::requests);
        app.get("/api/admin/requests.csv", this::csv);
        app.get("/api/admin/requests/{requestId}", this::detail);
        app.get("/api/admin/reviews/sample", this::sample);
        app.post("/api/admin/reviews", ctx -> review(ctx, support));
    }

    private void requests(Context ctx) {
        RequestFilter filter = filter(ctx, integer(ctx, "limit", DEFAULT_PAGE, 1, RequestFilter.MAX_LIMIT));
        var page = monitoring.requests().page(filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", page);
        body.put("nextBefore", page.size() == filter.limit() ? page.getLast().cursor() : null);
        json(ctx, body);
    }

    private void csv(Context ctx) {
        RequestFilter filter = filter(ctx, RequestFilter.MAX_LIMIT).unlimited();
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"tutorgate-requests.csv\"");
        RequestCsv.write(ctx.outputStream(), out -> monitoring.requests().stream(filter, out));
    }

    private void detail(Context ctx) {
        RequestDetail detail = monitoring.requests().detail(ctx.pathParam("requestId"))
                .orElseThrow(() -> new ApiException(ErrorCode.REQUEST_NOT_FOUND));
        json(ctx, detail);
    }

    private void sample(Context ctx) {
        int n = integer(ctx, "n", DEFAULT_SAMPLE, 1, ReviewQueue.MAX_SAMPLE);
        json(ctx, Map.of("sample", monitoring.reviews().sample(n, range(ctx, "30d"))));
    }

    private void review(Context ctx, RouteSupport support) {
        ObjectNode body = support.bodies().jsonObject(ctx);
        String requestId = Bodies.requiredText(body, "requestId");
        String verdictText = Bodies.requiredText(body, "verdict");
        ReviewQueue.Verdict verdict;
        try {
            verdict = ReviewQueue.Verdict.valueOf(verdictText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("verdict");
        }
        String note = Bodies.optionalText(body, "note");
        if (note != null && note.length() > ReviewQueue.MAX_NOTE_CHARS) {
            throw ApiException.invalid("note");
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        RequestDetail.Review saved = monitoring.reviews().review(requestId, verdict, cleanNote, support.clock().instant())
                .orElseThrow(() -> new ApiException(ErrorCode.REQUEST_NOT_FOUND));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requestId", requestId);
        out.put("review", saved);
        json(ctx, out);
    }

    /** The range of {@code period}, or {@code from}/{@code to}; {@code defaultPeriod} (null = today) when none is given. */
    private Range range(Context ctx, String defaultPeriod) {
        String period = ctx.queryParam("period");
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (period == null && from == null && to == null) {
            period = defaultPeriod;
        }
        try {
            return Range.parse(period, from, to, monitoring.summaries().zone(), monitoring.summaries().clock());
        } catch (Range.InvalidRangeException e) {
            throw ApiException.invalid("range");
        }
    }

    private RequestFilter filter(Context ctx, int limit) {
        Range range = ctx.queryParam("period") == null && ctx.queryParam("from") == null && ctx.queryParam("to") == null
                ? null : range(ctx, null);
        String outcome = blankToNull(ctx.queryParam("outcome"));
        if (outcome != null && !RequestFilter.OUTCOMES.contains(outcome)) {
            throw ApiException.invalid("outcome");
        }
        Long before = null;
        String cursor = blankToNull(ctx.queryParam("before"));
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("before");
            }
        }
        return new RequestFilter(blankToNull(ctx.queryParam("student")), blankToNull(ctx.queryParam("model")), outcome,
                range == null ? null : range.from(), range == null ? null : range.to(), before, limit);
    }

    private static int integer(Context ctx, String name, int otherwise, int min, int max) {
        String text = blankToNull(ctx.queryParam(name));
        if (text == null) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw ApiException.invalid(name);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static void json(Context ctx, Object value) {
        try {
            ctx.contentType("application/json; charset=utf-8").result(SummaryJson.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
