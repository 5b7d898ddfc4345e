package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Usage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OpenAI Chat Completions (provider-facts §1–§7): {@code Authorization: Bearer}; {@code messages},
 * {@code max_completion_tokens} (or the deprecated {@code max_tokens}); usage whose
 * {@code prompt_tokens} includes {@code prompt_tokens_details.cached_tokens} and whose
 * {@code completion_tokens} include {@code reasoning_tokens}; streamed {@code chat.completion.chunk}
 * events, with {@code stream_options.include_usage} a last chunk with {@code choices: []} and the
 * usage before {@code data: [DONE]}; {@code x-ratelimit-*} headers on every response.
 */
final class OpenAiDialect implements Dialect {
    private static final Set<String> FIELDS = Set.of("model", "messages", "stream", "stream_options", "max_tokens",
            "max_completion_tokens", "temperature", "top_p", "n", "stop", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "user", "seed", "tools", "tool_choice", "parallel_tool_calls",
            "response_format", "prompt_cache_key", "prompt_cache_retention", "reasoning_effort", "service_tier", "store",
            "metadata", "modalities", "audio", "prediction", "safety_identifier", "verbosity", "web_search_options",
            "functions", "function_call");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final String SERVER_ERROR = "The server had an error while processing your request. Sorry about that!";
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix = "chatcmpl-emu" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "x";

    @Override
    public Protocol protocol() {
        return Protocol.OPENAI;
    }

    @Override
    public String apiKey(Exchange ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null || auth.length() <= 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = auth.substring(7).trim();
        return key.isEmpty() ? null : key;
    }

    @Override
    public EmulatedRequest parse(Exchange ctx, JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new EmulatedRequest.Invalid("Unrecognized request argument supplied: " + name);
            }
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new EmulatedRequest.Invalid("you must provide a model parameter");
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new EmulatedRequest.Invalid("Missing required parameter: 'messages'.");
        }
        if (messages.isEmpty()) {
            throw new EmulatedRequest.Invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }
        List<String> context = new ArrayList<>();
        String question = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            JsonNode role = m.get("role");
            if (role == null || !ROLES.contains(role.asText())) {
                throw new EmulatedRequest.Invalid("Invalid value: '" + (role == null ? "" : role.asText())
                        + "'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.");
            }
            String text = contentText(m.get("content"), i);
            if (i == messages.size() - 1) {
                question = text;
            } else {
                context.add(text);
            }
        }
        boolean streamed = body.path("stream").asBoolean(false);
        JsonNode options = body.get("stream_options");
        if (options != null && !options.isNull() && !streamed) {
            throw new EmulatedRequest.Invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }
        boolean includeUsage = options != null && options.path("include_usage").asBoolean(false);
        JsonNode max = body.get("max_completion_tokens");
        if (max == null || max.isNull()) {
            max = body.get("max_tokens");
        }
        int maxOutput = max == null || max.isNull() ? 0 : max.asInt();
        return new EmulatedRequest(model.asText(), streamed, context, question, maxOutput, -1, includeUsage, true, null);
    }

    /** A string, an array of {type:"text", text} parts, or null (tool-calling assistant turns). */
    private static String contentText(JsonNode content, int index) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new EmulatedRequest.Invalid("Invalid type for 'messages[" + index + "].content': expected one of a string or array of objects.");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    @Override
    public String newId() {
        return idPrefix + ids.incrementAndGet();
    }

    @Override
    public void commonHeaders(Exchange ctx, String requestId, RateState rate) {
        ctx.header("x-request-id", "req_" + requestId);
        if (rate == null) {
            return;
        }
        ctx.header("x-ratelimit-limit-requests", String.valueOf(rate.requestLimit()));
        ctx.header("x-ratelimit-remaining-requests", String.valueOf(rate.requestsRemaining()));
        ctx.header("x-ratelimit-reset-requests", rate.resetDuration());
        ctx.header("x-ratelimit-limit-tokens", String.valueOf(rate.tokenLimit()));
        ctx.header("x-ratelimit-remaining-tokens", String.valueOf(rate.tokensRemaining()));
        ctx.header("x-ratelimit-reset-tokens", rate.resetDuration());
    }

    @Override
    public HttpError error(ErrorCase error, String model, String requestId) {
        return switch (error) {
            case ErrorCase.RateLimited r -> new HttpError(429, body("Rate limit reached for " + model
                            + " in organization org-emulator on requests per min (RPM): Limit " + r.limit() + ", Used "
                            + r.limit() + ", Requested 1. Please try again in " + seconds(r.retryAfterMs())
                            + ". Visit https://platform.openai.com/account/rate-limits to learn more.",
                    "requests", null, "rate_limit_exceeded"),
                    new String[]{"retry-after-ms", String.valueOf(r.retryAfterMs()),
                            "retry-after", String.valueOf(ceilSeconds(r.retryAfterMs())), "x-should-retry", "true"});
            case ErrorCase.QuotaExhausted q -> new HttpError(429, body("You exceeded your current quota, please check your plan"
                    + " and billing details. For more information on this error, read the docs:"
                    + " https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota", null, "insufficient_quota"));
            case ErrorCase.ServerTrouble t -> switch (t.kind()) {
                case SERVER_ERROR -> new HttpError(500, body(SERVER_ERROR, "server_error", null, null));
                case GATEWAY_TIMEOUT -> new HttpError(504, body("Gateway timeout. The server did not answer in time.",
                        "server_error", null, "gateway_timeout"));
                default -> new HttpError(503, body("The server is overloaded or not ready yet.", "server_error", null,
                        "server_is_overloaded"));
            };
            case ErrorCase.InvalidKey k -> new HttpError(401, body("Incorrect API key provided: " + mask(k.key())
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, "invalid_api_key"));
            case ErrorCase.MissingKey m -> new HttpError(401, body("You didn't provide an API key. You need to provide your"
                    + " API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the"
                    + " password field (with blank username) if you're accessing the API from your browser and are prompted"
                    + " for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                    "invalid_request_error", null, null));
            case ErrorCase.ContextTooLong c -> new HttpError(400, body("This model's maximum context length is " + c.limit()
                    + " tokens. However, your messages resulted in " + c.promptTokens()
                    + " tokens. Please reduce the length of the messages.", "invalid_request_error", "messages",
                    "context_length_exceeded"));
            case ErrorCase.BadRequest b -> new HttpError(400, body(b.message(), "invalid_request_error", null, null));
            case ErrorCase.TooLarge t -> new HttpError(413, body("Request too large: the body exceeds " + t.limitBytes()
                    + " bytes.", "invalid_request_error", null, "request_too_large"));
            case ErrorCase.NotFound n -> new HttpError(404, body(n.message(), "invalid_request_error", null, "unknown_url"));
            case ErrorCase.MissingVersion v -> new HttpError(400, body("Bad request.", "invalid_request_error", null, null));
        };
    }

    private static String body(String message, String type, String param, String code) {
        StringBuilder s = new StringBuilder(256).append("{\"error\":{\"message\":");
        Json.str(s, message).append(",\"type\":");
        Json.str(s, type).append(",\"param\":");
        Json.str(s, param).append(",\"code\":");
        return Json.str(s, code).append("}}").toString();
    }

    /** OpenAI shows the first and last characters of a wrong key, never the middle. */
    private static String mask(String key) {
        if (key.length() <= 8) {
            return "*".repeat(key.length());
        }
        return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    private static long ceilSeconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format("%.3fs", ms / 1000.0);
    }

    @Override
    public String completion(Reply reply) {
        StringBuilder s = new StringBuilder(reply.answerTokens() * 8 + 600);
        head(s, reply, "chat.completion");
        s.append("\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
        s.append(reply.textJson()).append(",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"")
                .append(finishReason(reply)).append("\"}],\"usage\":");
        usage(s, reply.usage());
        return s.append(",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_emulator\"}").toString();
    }

    private static void head(StringBuilder s, Reply reply, String object) {
        s.append("{\"id\":\"").append(reply.id()).append("\",\"object\":\"").append(object)
                .append("\",\"created\":").append(reply.createdSec()).append(",\"model\":");
        Json.str(s, reply.model()).append(',');
    }

    private static String finishReason(Reply reply) {
        return reply.truncated() ? "length" : "stop";
    }

    private static void usage(StringBuilder s, Usage u) {
        s.append("{\"prompt_tokens\":").append(u.inputTokens())
                .append(",\"completion_tokens\":").append(u.outputTokens())
                .append(",\"total_tokens\":").append(u.inputTokens() + u.outputTokens())
                .append(",\"prompt_tokens_details\":{\"cached_tokens\":").append(u.cachedInputTokens())
                .append(",\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":")
                .append(u.reasoningTokens())
                .append(",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
    }

    @Override
    public StreamEncoder stream(Reply reply) {
        return new OpenAiStream(reply);
    }

    /** {@code data: {chunk}\n\n} events; with include_usage every chunk carries {@code "usage":null} but the last. */
    private static final class OpenAiStream implements StreamEncoder {
        private final Reply reply;
        private final boolean includeUsage;
        /** Everything of a chunk before its delta: the same for every chunk of the answer. */
        private final String chunkHead;
        private final String contentTail;

        OpenAiStream(Reply reply) {
            this.reply = reply;
            this.includeUsage = reply.request().includeUsage();
            StringBuilder h = new StringBuilder(256).append("data: ");
            head(h, reply, "chat.completion.chunk");
            this.chunkHead = h.append("\"service_tier\":\"default\",\"system_fingerprint\":\"fp_emulator\",")
                    .append("\"choices\":[{\"index\":0,\"delta\":").toString();
            this.contentTail = "},\"logprobs\":null,\"finish_reason\":null}]" + (includeUsage ? ",\"usage\":null" : "") + "}\n\n";
        }

        @Override
        public String contentType() {
            return "text/event-stream; charset=utf-8";
        }

        @Override
        public String open() {
            return event("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
        }

        @Override
        public String chunk(String text, int sent, boolean last) {
            StringBuilder s = new StringBuilder(chunkHead.length() + text.length() + contentTail.length() + 16)
                    .append(chunkHead).append("{\"content\":");
            return Json.str(s, text).append(contentTail).toString();
        }

        @Override
        public String close() {
            StringBuilder s = new StringBuilder(event("{}", finishReason(reply)));
            if (includeUsage) {
                StringBuilder u = new StringBuilder(400).append("data: ");
                head(u, reply, "chat.completion.chunk");
                u.append("\"service_tier\":\"default\",\"system_fingerprint\":\"fp_emulator\",\"choices\":[],\"usage\":");
                usage(u, reply.usage());
                s.append(u).append("}\n\n");
            }
            return s.append("data: [DONE]\n\n").toString();
        }

        @Override
        public String error(int sent) {
            return "data: " + body(SERVER_ERROR, "server_error", null, null) + "\n\n";
        }

        private String event(String delta, String finishReason) {
            StringBuilder s = new StringBuilder(chunkHead.length() + delta.length() + 80).append(chunkHead)
                    .append(delta).append(",\"logprobs\":null,\"finish_reason\":");
            Json.str(s, finishReason).append("}]");
            if (includeUsage) {
                s.append(",\"usage\":null");
            }
            return s.append("}\n\n").toString();
        }
    }
}
