package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.config.ModelCatalog;
import dev.tutorgate.core.Usage;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Serves one provider call: decides its fate (auth, body, faults, limits, usage) without waiting,
 * records it, then plays it out over time (latency, time to first token, pacing, hangs, cuts).
 */
final class CallHandler {
    private static final long DEFAULT_CONTEXT_WINDOW = 1_048_576;

    private final Emulator emulator;
    private final Dialect dialect;

    CallHandler(Emulator emulator, Dialect dialect) {
        this.emulator = emulator;
        this.dialect = dialect;
    }

    /** The fate of a call, decided before any delay. Exactly one of {@code error} and {@code reply} is set. */
    private record Decision(ErrorCase error, Reply reply, Fault fault, RateState rate, String model) {
    }

    void handle(Exchange ctx) throws IOException {
        EmulatorSettings settings = emulator.settings();
        String requestId = dialect.newId();
        Decision d = decide(ctx, settings, requestId);
        try {
            play(ctx, settings, d, requestId);
        } catch (IOException e) {
            // The client went away (or was cut off on purpose); nothing left to tell it.
        }
    }

    // ---------------------------------------------------------------- deciding

    private Decision decide(Exchange ctx, EmulatorSettings settings, String requestId) throws IOException {
        long nowMs = emulator.clock().millis();
        Trace t = new Trace(ctx, nowMs, requestId);
        t.key = dialect.apiKey(ctx);
        if (t.key == null) {
            return t.refuse(new ErrorCase.MissingKey(), "request");
        }
        // The body is read before any refusal, as real providers do: answering 401 with the request
        // still unread makes the server close the connection while the client may still be writing,
        // and the client then sees a reset instead of the 401.
        byte[] body = readBody(ctx, settings.maxBodyBytes());
        ErrorCase headerProblem = dialect.checkHeaders(ctx);
        if (headerProblem != null) {
            return t.refuse(headerProblem, "request");
        }
        if (settings.refuses(t.key)) {
            return t.refuse(new ErrorCase.InvalidKey(t.key), "key-list");
        }
        String pathModel;
        try {
            pathModel = dialect.modelFromPath(ctx);
        } catch (EmulatedRequest.Invalid e) {
            return t.refuse(new ErrorCase.NotFound(e.getMessage()), "request");
        }
        t.model = pathModel;
        if (body == null) {
            return t.refuse(new ErrorCase.TooLarge(settings.maxBodyBytes()), "request");
        }
        t.bytes = body.length;
        EmulatedRequest request;
        try {
            request = dialect.parse(ctx, parseJson(body));
        } catch (EmulatedRequest.Invalid e) {
            return t.refuse(new ErrorCase.BadRequest(e.getMessage()), "request");
        }
        if (pathModel == null) {
            t.model = request.model();
        }
        t.streamed = request.streamed();

        PromptSize prompt = measure(request);
        ChosenFault chosen = chooseFault(settings, t, nowMs);
        Fault fault = chosen.fault();
        int answerTokens = answerLength(settings, request);
        KeyRateWindows.Admission admission = emulator.rateWindows().admit(dialect.protocol().id() + ':' + t.key,
                settings.requestsPerMinutePerKey(), prompt.tokens() + answerTokens, nowMs);
        t.rate = admission.state();
        if (fault == null && !admission.allowed()) {
            return t.refuse(new ErrorCase.RateLimited(Math.max(1000, t.rate.resetInMs()), t.rate.requestLimit()), "key-limit");
        }
        long contextWindow = contextWindow(settings, t.model);
        ErrorCase faultError = fault == null ? null : errorOf(fault, t.key, prompt.tokens(), contextWindow, t.rate);
        if (faultError != null) {
            return t.refuse(faultError, chosen.reason());
        }
        if (prompt.tokens() > contextWindow) {
            return t.refuse(new ErrorCase.ContextTooLong(prompt.tokens(), contextWindow), "context-window");
        }
        Reply reply = reply(settings, request, t, requestId, prompt, answerTokens, nowMs);
        Usage reported = reply.usage();
        if (fault != null && (fault.kind() == FaultKind.CUT_STREAM || fault.kind() == FaultKind.ERROR_EVENT)) {
            int sent = Math.min(fault.afterTokens(), reply.answerTokens());
            reported = new Usage(reported.inputTokens(), reported.cachedInputTokens(), reported.cacheWrite5mTokens(),
                    reported.cacheWrite1hTokens(), reply.outputTokensAfter(sent), reported.reasoningTokens(), false);
        }
        t.record(fault == null ? "ok" : fault.kind().id(), fault == null ? "none" : chosen.reason(), reported);
        return new Decision(null, reply, fault, t.rate, t.model);
    }

    /** Prompt tokens (every text of the request) and the lesson titles found in its context. */
    private record PromptSize(int tokens, List<String> titles) {
    }

    private PromptSize measure(EmulatedRequest request) {
        int tokens = emulator.meter().facts(request.question()).tokens();
        List<String> titles = List.of();
        for (String text : request.contextTexts()) {
            PromptMeter.TextFacts facts = emulator.meter().facts(text);
            tokens += facts.tokens();
            if (!facts.titles().isEmpty()) {
                titles = titles.isEmpty() ? facts.titles()
                        : java.util.stream.Stream.concat(titles.stream(), facts.titles().stream()).distinct().toList();
            }
        }
        return new PromptSize(tokens, titles);
    }

    /** The fault for this call (null = none) and where it came from. */
    private record ChosenFault(Fault fault, String reason) {
    }

    /** The script first, then an outage of the model, then chance. A scripted {@code ok} stops the search. */
    private ChosenFault chooseFault(EmulatorSettings settings, Trace t, long nowMs) {
        Fault scripted = emulator.script().take(dialect.protocol(), t.model, t.key, t.streamed);
        if (scripted != null) {
            return new ChosenFault(scripted.kind() == FaultKind.OK ? null : scripted, "script");
        }
        if (emulator.outageTable().isDown(t.model, nowMs)) {
            return new ChosenFault(Fault.of(FaultKind.OVERLOADED), "outage");
        }
        return new ChosenFault(emulator.randomFault(settings), "random");
    }

    /** The error a fault stands for, or null for faults that shape a successful answer. */
    private static ErrorCase errorOf(Fault fault, String key, long promptTokens, long contextWindow, RateState rate) {
        return switch (fault.kind()) {
            case RATE_LIMIT -> new ErrorCase.RateLimited(fault.retryAfterMs(), rate.requestLimit());
            case DAILY_QUOTA -> new ErrorCase.QuotaExhausted();
            case OVERLOADED, UNAVAILABLE, SERVER_ERROR, GATEWAY_TIMEOUT -> new ErrorCase.ServerTrouble(fault.kind());
            case INVALID_KEY -> new ErrorCase.InvalidKey(key);
            case CONTEXT_TOO_LONG -> new ErrorCase.ContextTooLong(Math.max(promptTokens, contextWindow + 1), contextWindow);
            case OK, HANG_BEFORE_HEADERS, HANG_AFTER_HEADERS, CUT_STREAM, ERROR_EVENT -> null;
        };
    }

    private static int answerLength(EmulatorSettings settings, EmulatedRequest request) {
        int max = request.maxOutputTokens();
        return max > 0 ? Math.min(settings.answerTokens(), max) : settings.answerTokens();
    }

    private static long contextWindow(EmulatorSettings settings, String model) {
        if (settings.contextWindowTokens() > 0) {
            return settings.contextWindowTokens();
        }
        return model == null ? DEFAULT_CONTEXT_WINDOW
                : ModelCatalog.find(model).map(ModelCatalog.Entry::contextWindow).orElse(DEFAULT_CONTEXT_WINDOW);
    }

    private Reply reply(EmulatorSettings settings, EmulatedRequest request, Trace t, String requestId, PromptSize prompt,
                        int answerTokens, long nowMs) {
        int promptTokens = prompt.tokens();
        AnswerComposer.Answer answer = emulator.composer().answer(request.question(),
                settings.citeLessons() ? prompt.titles() : List.of(), answerTokens);
        long thinking = settings.thinkingTokens();
        if (request.thinkingBudget() >= 0) {
            thinking = Math.min(thinking, request.thinkingBudget());
        }
        long cached = BigDecimal.valueOf(settings.cachedFraction()).multiply(BigDecimal.valueOf(promptTokens))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        long read = cached;
        long write5m = 0;
        long write1h = 0;
        if (dialect.protocol() == Protocol.ANTHROPIC) {
            // Anthropic caches only behind a cache_control breakpoint; the first sight of a prefix writes it.
            EmulatedRequest.CachePrefix prefix = request.cachePrefix();
            if (prefix == null || cached == 0) {
                read = 0;
            } else if (!emulator.anthropicCache().readOrWrite(t.model, prefix, nowMs)) {
                read = 0;
                if (prefix.oneHour()) {
                    write1h = cached;
                } else {
                    write5m = cached;
                }
            }
        }
        Usage usage = new Usage(promptTokens, read, write5m, write1h, answerTokens + thinking, thinking, false);
        boolean truncated = request.maxOutputTokens() > 0 && request.maxOutputTokens() < settings.answerTokens();
        return new Reply(requestId, t.model, nowMs / 1000, answer, truncated, usage, request);
    }

    /** The body, or null when it is larger than {@code max}. */
    private static byte[] readBody(Exchange ctx, int max) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            return null;
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // The usual case: read exactly what was announced, into one array.
                byte[] body = new byte[(int) declared];
                int n = in.readNBytes(body, 0, body.length);
                return n == body.length ? body : java.util.Arrays.copyOf(body, n);
            }
            byte[] body = in.readNBytes(max + 1);
            return body.length > max ? null : body;
        }
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new EmulatedRequest.Invalid("The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new EmulatedRequest.Invalid("We could not parse the JSON body of your request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EmulatedRequest.Invalid("The request body could not be read.");
        }
    }

    /** What is known of the call so far, and how to record it. */
    private final class Trace {
        final Exchange ctx;
        final long nowMs;
        final String requestId;
        String key;
        String model;
        boolean streamed;
        int bytes;
        RateState rate;

        Trace(Exchange ctx, long nowMs, String requestId) {
            this.ctx = ctx;
            this.nowMs = nowMs;
            this.requestId = requestId;
            this.streamed = dialect.protocol() == Protocol.GEMINI && ctx.path().endsWith(":streamGenerateContent");
        }

        Decision refuse(ErrorCase error, String reason) {
            record(error.outcome(), reason, null);
            return new Decision(error, null, null, rate, model);
        }

        void record(String outcome, String reason, Usage usage) {
            emulator.callLog().add(new CallRecord(nowMs, ctx.method(), ctx.path(), dialect.protocol(), model, key,
                    streamed, outcome, reason, bytes, usage, requestId));
        }
    }

    // ---------------------------------------------------------------- playing out

    private void play(Exchange ctx, EmulatorSettings settings, Decision d, String requestId) throws IOException {
        Pacer pacer = emulator.pacer();
        if (!pacer.sleep(settings.latencyMs())) {
            ctx.abort();
            return;
        }
        dialect.commonHeaders(ctx, requestId, d.rate());
        if (d.error() != null) {
            sendError(ctx, dialect.error(d.error(), d.model(), requestId));
            return;
        }
        Fault fault = d.fault();
        FaultKind kind = fault == null ? FaultKind.OK : fault.kind();
        if (kind == FaultKind.HANG_BEFORE_HEADERS && !pacer.sleep(hangMs(fault))) {
            ctx.abort();
            return;
        }
        Reply reply = d.reply();
        if (reply.request().streamed()) {
            stream(ctx, settings, reply, fault, kind);
        } else {
            complete(ctx, settings, reply, fault, kind);
        }
    }

    private static void sendError(Exchange ctx, Dialect.HttpError e) throws IOException {
        for (int i = 0; i + 1 < e.headers().length; i += 2) {
            ctx.header(e.headers()[i], e.headers()[i + 1]);
        }
        ctx.sendJson(e.status(), e.body());
    }

    private void complete(Exchange ctx, EmulatorSettings settings, Reply reply, Fault fault, FaultKind kind)
            throws IOException {
        Pacer pacer = emulator.pacer();
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("application/json; charset=utf-8");
        if (kind == FaultKind.HANG_AFTER_HEADERS) {
            res.flushBuffer();
            if (!pacer.sleep(hangMs(fault))) {
                ctx.abort();
                return;
            }
        }
        long generationNanos = settings.ttftMs() * 1_000_000L + pacingNanos(settings, reply.answerTokens());
        if (!pacer.sleepUntil(System.nanoTime() + generationNanos)) {
            ctx.abort();
            return;
        }
        byte[] body = dialect.completion(reply).getBytes(StandardCharsets.UTF_8);
        if (kind == FaultKind.CUT_STREAM) {
            // Promise the whole body, deliver half of it, drop the connection.
            if (!res.isCommitted()) {
                res.setContentLength(body.length);
            }
            ServletOutputStream out = res.getOutputStream();
            out.write(body, 0, body.length / 2);
            out.flush();
            ctx.abort();
            return;
        }
        if (!res.isCommitted()) {
            res.setContentLength(body.length);
        }
        res.getOutputStream().write(body);
    }

    private void stream(Exchange ctx, EmulatorSettings settings, Reply reply, Fault fault, FaultKind kind)
            throws IOException {
        Pacer pacer = emulator.pacer();
        HttpServletResponse res = ctx.res();
        StreamEncoder encoder = dialect.stream(reply);
        res.setStatus(200);
        res.setContentType(encoder.contentType());
        res.setHeader("Cache-Control", "no-cache");
        boolean paced = settings.ttftMs() > 0 || settings.tokensPerSecond() > 0;
        EventWriter out = new EventWriter(res.getOutputStream());
        out.add(encoder.open());
        if (paced || kind == FaultKind.HANG_AFTER_HEADERS) {
            out.flush(); // the headers go out now; the first token follows after the TTFT
        }
        if (kind == FaultKind.HANG_AFTER_HEADERS && !pacer.sleep(hangMs(fault))) {
            ctx.abort();
            return;
        }
        String[] pieces = reply.pieces();
        int perChunk = settings.tokensPerChunk();
        int stopAt = kind == FaultKind.CUT_STREAM || kind == FaultKind.ERROR_EVENT
                ? Math.min(fault.afterTokens(), pieces.length) : pieces.length;
        long firstTokenAt = System.nanoTime() + settings.ttftMs() * 1_000_000L;
        int sent = 0;
        StringBuilder text = new StringBuilder(64);
        while (sent < stopAt) {
            int n = Math.min(perChunk, stopAt - sent);
            if (paced && !pacer.sleepUntil(firstTokenAt + pacingNanos(settings, sent))) {
                ctx.abort();
                return;
            }
            text.setLength(0);
            for (int i = 0; i < n; i++) {
                text.append(pieces[sent + i]);
            }
            sent += n;
            out.add(encoder.chunk(text.toString(), sent, sent == pieces.length));
            if (paced) {
                out.flush();
            }
        }
        if (kind == FaultKind.CUT_STREAM) {
            out.flush();
            ctx.abort();
            return;
        }
        out.add(kind == FaultKind.ERROR_EVENT ? encoder.error(sent) : encoder.close());
        out.flush();
    }

    /**
     * Collects a stream's events and writes them in large pieces: an unpaced stream of 200
     * events costs a few writes instead of 200. {@link #flush()} sends everything to the client.
     */
    private static final class EventWriter {
        private static final int WRITE_AT_CHARS = 16 * 1024;
        private final ServletOutputStream out;
        private final StringBuilder pending = new StringBuilder(WRITE_AT_CHARS + 1024);

        EventWriter(ServletOutputStream out) {
            this.out = out;
        }

        void add(String event) throws IOException {
            pending.append(event);
            if (pending.length() >= WRITE_AT_CHARS) {
                drain();
            }
        }

        void flush() throws IOException {
            drain();
            out.flush();
        }

        private void drain() throws IOException {
            if (!pending.isEmpty()) {
                out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
                pending.setLength(0);
            }
        }
    }

    /** Time to produce {@code tokens} tokens at the configured pace. */
    private static long pacingNanos(EmulatorSettings settings, int tokens) {
        return settings.tokensPerSecond() > 0 ? (long) (tokens * 1e9 / settings.tokensPerSecond()) : 0;
    }

    private static long hangMs(Fault fault) {
        return fault.hangMs() == 0 ? Long.MAX_VALUE : fault.hangMs();
    }

    private static void write(ServletOutputStream out, String s) throws IOException {
        if (!s.isEmpty()) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
