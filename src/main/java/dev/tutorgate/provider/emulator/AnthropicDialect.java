package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Usage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anthropic Messages (provider-facts §1–§7): {@code x-api-key} and {@code anthropic-version};
 * {@code max_tokens} required; usage whose {@code input_tokens} EXCLUDES cache reads and writes;
 * named SSE events {@code message_start → content_block_start → ping → content_block_delta* →
 * content_block_stop → message_delta → message_stop}; errors as
 * {@code {"type":"error","error":{type,message},"request_id"}}; {@code request-id} and
 * {@code anthropic-ratelimit-*} headers.
 */
final class AnthropicDialect implements Dialect {
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "stream",
            "temperature", "top_p", "top_k", "stop_sequences", "metadata", "tools", "tool_choice", "thinking",
            "cache_control", "service_tier", "container", "mcp_servers", "context_management");
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_INSTANT;
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix = "emu" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "x";
    private final java.time.Clock clock;

    AnthropicDialect(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public Protocol protocol() {
        return Protocol.ANTHROPIC;
    }

    @Override
    public String apiKey(Exchange ctx) {
        String key = ctx.header("x-api-key");
        return key == null || key.isBlank() ? null : key.trim();
    }

    @Override
    public ErrorCase checkHeaders(Exchange ctx) {
        String version = ctx.header("anthropic-version");
        return version == null || version.isBlank() ? new ErrorCase.MissingVersion() : null;
    }

    @Override
    public EmulatedRequest parse(Exchange ctx, JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new EmulatedRequest.Invalid(name + ": Extra inputs are not permitted");
            }
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new EmulatedRequest.Invalid("model: Field required");
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw new EmulatedRequest.Invalid("max_tokens: Field required");
        }
        if (!maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
            throw new EmulatedRequest.Invalid("max_tokens: Input should be greater than or equal to 1");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new EmulatedRequest.Invalid("messages: Field required");
        }
        if (messages.isEmpty()) {
            throw new EmulatedRequest.Invalid("messages: at least one message is required");
        }
        Blocks blocks = new Blocks();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            blocks.add(system, "system");
        }
        int lastMessageStart = 0;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new EmulatedRequest.Invalid("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
            lastMessageStart = blocks.texts.size();
            JsonNode content = m.get("content");
            if (content == null) {
                throw new EmulatedRequest.Invalid("messages." + i + ".content: Field required");
            }
            blocks.add(content, "messages." + i + ".content");
        }
        JsonNode topLevelCache = body.get("cache_control");
        if (topLevelCache != null && !topLevelCache.isNull() && lastMessageStart > 0) {
            // Automatic caching: the breakpoint moves to the last block before the newest turn.
            blocks.mark(lastMessageStart - 1, topLevelCache);
        }
        List<String> context = new ArrayList<>(blocks.texts.subList(0, lastMessageStart));
        String question = String.join("\n", blocks.texts.subList(lastMessageStart, blocks.texts.size()));
        boolean streamed = body.path("stream").asBoolean(false);
        return new EmulatedRequest(model.asText(), streamed, context, question, maxTokens.asInt(), -1, false, true,
                blocks.cachePrefix());
    }

    /** The text blocks of a request in cache order (system, then messages) and the last breakpoint. */
    private static final class Blocks {
        final List<String> texts = new ArrayList<>();
        int markIndex = -1;
        boolean oneHour;

        void add(JsonNode content, String where) {
            if (content.isTextual()) {
                texts.add(content.asText());
                return;
            }
            if (!content.isArray()) {
                throw new EmulatedRequest.Invalid(where + ": Input should be a valid string or a list of content blocks");
            }
            for (JsonNode block : content) {
                String type = block.path("type").asText();
                texts.add(type.equals("text") ? block.path("text").asText() : "");
                JsonNode cache = block.get("cache_control");
                if (cache != null && !cache.isNull()) {
                    mark(texts.size() - 1, cache);
                }
            }
        }

        void mark(int index, JsonNode cacheControl) {
            if (index >= markIndex) {
                markIndex = index;
                oneHour = "1h".equals(cacheControl.path("ttl").asText());
            }
        }

        EmulatedRequest.CachePrefix cachePrefix() {
            if (markIndex < 0) {
                return null;
            }
            long hash = 1;
            for (int i = 0; i <= markIndex; i++) {
                String t = texts.get(i);
                hash = hash * 1_000_003L + t.hashCode();
                hash = hash * 31 + t.length();
            }
            return new EmulatedRequest.CachePrefix(hash, oneHour);
        }
    }

    @Override
    public String newId() {
        return idPrefix + ids.incrementAndGet();
    }

    @Override
    public void commonHeaders(Exchange ctx, String requestId, RateState rate) {
        ctx.header("request-id", "req_" + requestId);
        if (rate == null) {
            return;
        }
        String reset = RFC_3339.format(Instant.ofEpochMilli(rate.resetAtMs()).truncatedTo(ChronoUnit.SECONDS));
        String tokenLimit = String.valueOf(rate.tokenLimit());
        String tokensRemaining = String.valueOf(Math.round(rate.tokensRemaining() / 1000.0) * 1000);
        ctx.header("anthropic-ratelimit-requests-limit", String.valueOf(rate.requestLimit()));
        ctx.header("anthropic-ratelimit-requests-remaining", String.valueOf(rate.requestsRemaining()));
        ctx.header("anthropic-ratelimit-requests-reset", reset);
        for (String kind : new String[]{"tokens", "input-tokens", "output-tokens"}) {
            ctx.header("anthropic-ratelimit-" + kind + "-limit", tokenLimit);
            ctx.header("anthropic-ratelimit-" + kind + "-remaining", tokensRemaining);
            ctx.header("anthropic-ratelimit-" + kind + "-reset", reset);
        }
    }

    @Override
    public HttpError error(ErrorCase error, String model, String requestId) {
        return switch (error) {
            case ErrorCase.RateLimited r -> new HttpError(429, body("rate_limit_error", "This request would exceed the rate"
                            + " limit for your organization (emulator) of " + r.limit() + " requests per minute. For details,"
                            + " refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for"
                            + " current usage. Please reduce the prompt length or the maximum tokens requested, or try again"
                            + " later.", requestId),
                    new String[]{"retry-after", String.valueOf(Math.max(1, (r.retryAfterMs() + 999) / 1000))});
            case ErrorCase.QuotaExhausted q -> new HttpError(429, body("rate_limit_error",
                    "You have reached your specified API usage limits. You will regain access on "
                            + firstOfNextMonth() + " at 00:00 UTC.", requestId));
            case ErrorCase.ServerTrouble t -> switch (t.kind()) {
                case SERVER_ERROR -> new HttpError(500, body("api_error", "Internal server error", requestId));
                case GATEWAY_TIMEOUT -> new HttpError(504, body("timeout_error", "Request timed out", requestId));
                case UNAVAILABLE -> new HttpError(503, body("api_error", "Service unavailable", requestId));
                default -> new HttpError(529, body("overloaded_error", "Overloaded", requestId));
            };
            case ErrorCase.InvalidKey k -> new HttpError(401, body("authentication_error", "invalid x-api-key", requestId));
            case ErrorCase.MissingKey m -> new HttpError(401, body("authentication_error", "x-api-key header is required", requestId));
            case ErrorCase.MissingVersion v -> new HttpError(400, body("invalid_request_error",
                    "anthropic-version: header is required", requestId));
            case ErrorCase.ContextTooLong c -> new HttpError(400, body("invalid_request_error",
                    "prompt is too long: " + c.promptTokens() + " tokens > " + c.limit() + " maximum", requestId));
            case ErrorCase.BadRequest b -> new HttpError(400, body("invalid_request_error", b.message(), requestId));
            case ErrorCase.TooLarge t -> new HttpError(413, body("request_too_large",
                    "Request exceeds the maximum allowed number of bytes.", requestId));
            case ErrorCase.NotFound n -> new HttpError(404, body("not_found_error", n.message(), requestId));
        };
    }

    private String firstOfNextMonth() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
        return now.toLocalDate().withDayOfMonth(1).plusMonths(1).toString();
    }

    private static String body(String type, String message, String requestId) {
        StringBuilder s = new StringBuilder(256).append("{\"type\":\"error\",\"error\":{\"type\":\"").append(type)
                .append("\",\"message\":");
        Json.str(s, message).append("},\"request_id\":");
        return Json.str(s, requestId == null ? null : "req_" + requestId).append('}').toString();
    }

    @Override
    public String completion(Reply reply) {
        StringBuilder s = new StringBuilder(reply.answerTokens() * 8 + 600);
        messageHead(s, reply);
        s.append("\"content\":[{\"type\":\"text\",\"text\":");
        s.append(reply.textJson()).append("}],\"stop_reason\":\"").append(stopReason(reply))
                .append("\",\"stop_sequence\":null,\"usage\":");
        usage(s, reply.usage(), reply.usage().outputTokens());
        return s.append('}').toString();
    }

    private static void messageHead(StringBuilder s, Reply reply) {
        s.append("{\"id\":\"msg_").append(reply.id()).append("\",\"type\":\"message\",\"role\":\"assistant\",\"model\":");
        Json.str(s, reply.model()).append(',');
    }

    private static String stopReason(Reply reply) {
        return reply.truncated() ? "max_tokens" : "end_turn";
    }

    /** {@code input_tokens} excludes both cache counts (provider-facts §0). */
    private static void usage(StringBuilder s, Usage u, long outputTokens) {
        s.append("{\"input_tokens\":").append(u.uncachedInputTokens())
                .append(",\"cache_creation_input_tokens\":").append(u.cacheWriteTokens())
                .append(",\"cache_read_input_tokens\":").append(u.cachedInputTokens())
                .append(",\"cache_creation\":{\"ephemeral_5m_input_tokens\":").append(u.cacheWrite5mTokens())
                .append(",\"ephemeral_1h_input_tokens\":").append(u.cacheWrite1hTokens())
                .append("},\"output_tokens\":").append(outputTokens)
                .append(",\"service_tier\":\"standard\"}");
    }

    @Override
    public StreamEncoder stream(Reply reply) {
        return new AnthropicStream(reply);
    }

    private static final class AnthropicStream implements StreamEncoder {
        private final Reply reply;

        AnthropicStream(Reply reply) {
            this.reply = reply;
        }

        @Override
        public String contentType() {
            return "text/event-stream; charset=utf-8";
        }

        @Override
        public String open() {
            StringBuilder start = new StringBuilder(600).append("{\"type\":\"message_start\",\"message\":");
            messageHead(start, reply);
            start.append("\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":");
            usage(start, reply.usage(), Math.min(1, reply.usage().outputTokens()));
            start.append("}}");
            return event("message_start", start.toString())
                    + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                    + event("ping", "{\"type\": \"ping\"}");
        }

        @Override
        public String chunk(String text, int sent, boolean last) {
            StringBuilder s = new StringBuilder(text.length() + 120)
                    .append("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":");
            return event("content_block_delta", Json.str(s, text).append("}}").toString());
        }

        @Override
        public String close() {
            Usage u = reply.usage();
            String delta = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason(reply)
                    + "\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":" + u.uncachedInputTokens()
                    + ",\"cache_creation_input_tokens\":" + u.cacheWriteTokens()
                    + ",\"cache_read_input_tokens\":" + u.cachedInputTokens()
                    + ",\"output_tokens\":" + u.outputTokens() + "}}";
            return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + event("message_delta", delta)
                    + event("message_stop", "{\"type\":\"message_stop\"}");
        }

        @Override
        public String error(int sent) {
            return event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        }

        private static String event(String name, String data) {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }
    }
}
