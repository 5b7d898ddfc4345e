package dev.tutorgate.web.chat;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tutorgate.core.Money;
import dev.tutorgate.core.Usage;
import dev.tutorgate.gateway.AnswerDone;
import dev.tutorgate.gateway.AnswerMeta;
import dev.tutorgate.web.Json;
import dev.tutorgate.web.i18n.Messages;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of answers: the SSE events {@code meta}, {@code delta}, {@code done} and the one-object
 * reply. {@code costUsd} is always a decimal <em>string</em> ("0.000123") so no client rounds it
 * through a binary float.
 */
public final class AnswerJson {
    private AnswerJson() {
    }

    public static String meta(AnswerMeta meta) {
        return meta(meta, Messages.ENGLISH);
    }

    /** The {@code meta} event; a fallback answer carries a {@code notice} for the student in {@code language}. */
    public static String meta(AnswerMeta meta, Locale language) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("requestId", meta.requestId());
            g.writeStringField("conversationId", meta.conversationId());
            g.writeStringField("model", meta.model());
            g.writeStringField("complexity", meta.complexity());
            writeFallback(g, meta, language);
            g.writeEndObject();
        });
    }

    private static void writeFallback(JsonGenerator g, AnswerMeta meta, Locale language) throws IOException {
        if (meta != null && meta.fallbackReason() != null) {
            g.writeStringField("fallbackReason", meta.fallbackReason());
            g.writeStringField("notice", Messages.notice(meta.model(), meta.fallbackReason(), language));
        }
    }

    public static String delta(String text) {
        return "{\"text\":" + Json.quote(text) + "}";
    }

    /** The {@code done} event: everything about the answer except its text (already streamed). */
    public static String done(AnswerDone done) {
        return Json.write(g -> writeDone(g, done, null, false, Messages.ENGLISH));
    }

    /** The non-streamed reply: {@code answer} plus everything {@code done} carries. */
    public static String reply(AnswerDone done, AnswerMeta meta) {
        return reply(done, meta, Messages.ENGLISH);
    }

    /** The non-streamed reply; a fallback answer carries a {@code notice} for the student in {@code language}. */
    public static String reply(AnswerDone done, AnswerMeta meta, Locale language) {
        return Json.write(g -> writeDone(g, done, meta, true, language));
    }

    private static void writeDone(JsonGenerator g, AnswerDone done, AnswerMeta meta, boolean withAnswer,
                                  Locale language) throws IOException {
        g.writeStartObject();
        if (withAnswer) {
            g.writeStringField("answer", done.answer());
        }
        g.writeStringField("requestId", done.requestId());
        g.writeStringField("conversationId", done.conversationId());
        g.writeStringField("model", done.model());
        g.writeStringField("complexity", done.complexity());
        g.writeFieldName("usage");
        writeUsage(g, done.usage());
        g.writeStringField("costUsd", costUsd(done.costPicos()));
        writeSources(g, done.sources());
        if (done.ttftMs() != null) {
            g.writeNumberField("ttftMs", done.ttftMs());
        }
        g.writeNumberField("latencyMs", done.latencyMs());
        writeFallback(g, meta, language);
        g.writeEndObject();
    }

    static void writeUsage(JsonGenerator g, Usage usage) throws IOException {
        Usage u = usage == null ? Usage.ZERO : usage;
        g.writeStartObject();
        g.writeNumberField("inputTokens", u.inputTokens());
        g.writeNumberField("cachedInputTokens", u.cachedInputTokens());
        g.writeNumberField("cacheWriteTokens", u.cacheWriteTokens());
        g.writeNumberField("outputTokens", u.outputTokens());
        g.writeNumberField("reasoningTokens", u.reasoningTokens());
        g.writeNumberField("totalTokens", u.totalTokens());
        g.writeBooleanField("estimated", u.estimated());
        g.writeEndObject();
    }

    static void writeSources(JsonGenerator g, List<String> sources) throws IOException {
        g.writeArrayFieldStart("sources");
        for (String source : sources) {
            g.writeString(source);
        }
        g.writeEndArray();
    }

    /** Exact dollars as a plain decimal string: "0", "0.0000123". */
    public static String costUsd(long picos) {
        return Money.usd(picos).toPlainString();
    }
}
