package dev.tutorgate.provider.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.core.Usage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gemini API v1beta (provider-facts §1–§6): {@code x-goog-api-key} or {@code ?key=};
 * {@code contents}/{@code systemInstruction}/{@code generationConfig}; {@code usageMetadata}
 * whose {@code promptTokenCount} includes {@code cachedContentTokenCount}; SSE chunks of
 * {@code data:} lines only (CRLF-framed, no [DONE]) with cumulative usage on every chunk; without
 * {@code alt=sse} a stream is one JSON array; errors as {@code {"error":{code,message,status,details}}}.
 */
final class GeminiDialect implements Dialect {
    private static final Set<String> FIELDS = Set.of("contents", "systemInstruction", "system_instruction",
            "generationConfig", "generation_config", "safetySettings", "safety_settings", "tools", "toolConfig",
            "tool_config", "cachedContent", "cached_content", "labels");
    private static final String HELP_URL = "https://ai.google.dev/gemini-api/docs/rate-limits";
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix = Long.toString(System.nanoTime() & 0xffffffL, 36);

    @Override
    public Protocol protocol() {
        return Protocol.GEMINI;
    }

    @Override
    public String apiKey(Exchange ctx) {
        String key = ctx.header("x-goog-api-key");
        return key != null && !key.isBlank() ? key : blankToNull(ctx.queryParam("key"));
    }

    /** {@code {model}:generateContent} or {@code {model}:streamGenerateContent}. */
    @Override
    public String modelFromPath(Exchange ctx) {
        String target = ctx.pathParam();
        int colon = target.lastIndexOf(':');
        String method = colon < 0 ? "" : target.substring(colon + 1);
        if (!method.equals("generateContent") && !method.equals("streamGenerateContent")) {
            throw new EmulatedRequest.Invalid("Method not found: models/" + target);
        }
        return target.substring(0, colon);
    }

    static boolean isStreamPath(Exchange ctx) {
        return ctx.pathParam().endsWith(":streamGenerateContent");
    }

    @Override
    public EmulatedRequest parse(Exchange ctx, JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new EmulatedRequest.Invalid("Invalid JSON payload received. Unknown name \"" + name
                        + "\": Cannot find field.");
            }
        }
        JsonNode contents = body.get("contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            throw new EmulatedRequest.Invalid("* GenerateContentRequest.contents: contents is not specified\n");
        }
        List<String> context = new ArrayList<>();
        JsonNode system = Json.field(body, "systemInstruction", "system_instruction");
        if (system != null) {
            addParts(system, context);
        }
        for (int i = 0; i < contents.size() - 1; i++) {
            addParts(contents.get(i), context);
        }
        List<String> last = new ArrayList<>();
        addParts(contents.get(contents.size() - 1), last);
        JsonNode config = Json.field(body, "generationConfig", "generation_config");
        int maxOutput = 0;
        int thinkingBudget = -1;
        if (config != null) {
            JsonNode max = Json.field(config, "maxOutputTokens", "max_output_tokens");
            maxOutput = max == null ? 0 : max.asInt();
            JsonNode thinking = Json.field(config, "thinkingConfig", "thinking_config");
            JsonNode budget = thinking == null ? null : Json.field(thinking, "thinkingBudget", "thinking_budget");
            thinkingBudget = budget == null ? -1 : budget.asInt();
        }
        boolean streamed = isStreamPath(ctx);
        boolean sse = "sse".equals(ctx.queryParam("alt"));
        return new EmulatedRequest(null, streamed, context, String.join("\n", last), maxOutput, thinkingBudget,
                false, sse, null);
    }

    private static void addParts(JsonNode content, List<String> into) {
        JsonNode parts = content.get("parts");
        if (parts == null || !parts.isArray()) {
            throw new EmulatedRequest.Invalid("* GenerateContentRequest.contents[].parts: parts is not specified\n");
        }
        for (JsonNode part : parts) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual()) {
                into.add(text.asText());
            }
        }
    }

    @Override
    public String newId() {
        return idPrefix + "emu" + ids.incrementAndGet();
    }

    @Override
    public void commonHeaders(Exchange ctx, String requestId, RateState rate) {
        // Gemini documents no rate-limit headers (provider-facts §6, §9).
    }

    @Override
    public HttpError error(ErrorCase error, String model, String requestId) {
        return switch (error) {
            case ErrorCase.RateLimited r -> new HttpError(429, body(429, "RESOURCE_EXHAUSTED",
                    "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: " + HELP_URL + ".",
                    quotaDetails(model, "GenerateRequestsPerMinutePerProjectPerModel", r.limit(), r.retryAfterMs())));
            case ErrorCase.QuotaExhausted q -> new HttpError(429, body(429, "RESOURCE_EXHAUSTED",
                    "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: " + HELP_URL + ".",
                    quotaDetails(model, "GenerateRequestsPerDayPerProjectPerModel", 10_000, 20_000)));
            case ErrorCase.ServerTrouble t -> switch (t.kind()) {
                case SERVER_ERROR -> new HttpError(500, body(500, "INTERNAL",
                        "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", null));
                case GATEWAY_TIMEOUT -> new HttpError(504, body(504, "DEADLINE_EXCEEDED",
                        "The service is currently unable to finish processing within the deadline.", null));
                default -> new HttpError(503, body(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null));
            };
            case ErrorCase.InvalidKey k -> new HttpError(400, body(400, "INVALID_ARGUMENT",
                    "API key not valid. Please pass a valid API key.",
                    "[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                            + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}},"
                            + "{\"@type\":\"type.googleapis.com/google.rpc.LocalizedMessage\",\"locale\":\"en-US\","
                            + "\"message\":\"API key not valid. Please pass a valid API key.\"}]"));
            case ErrorCase.MissingKey m -> new HttpError(403, body(403, "PERMISSION_DENIED",
                    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", null));
            case ErrorCase.ContextTooLong c -> new HttpError(400, body(400, "INVALID_ARGUMENT",
                    "The input token count (" + c.promptTokens() + ") exceeds the maximum number of tokens allowed (" + c.limit() + ").", null));
            case ErrorCase.BadRequest b -> new HttpError(400, body(400, "INVALID_ARGUMENT", b.message(), null));
            case ErrorCase.TooLarge t -> new HttpError(400, body(400, "INVALID_ARGUMENT",
                    "Request payload size exceeds the limit: " + t.limitBytes() + " bytes.", null));
            case ErrorCase.NotFound n -> new HttpError(404, body(404, "NOT_FOUND", n.message(), null));
            case ErrorCase.MissingVersion v -> new HttpError(400, body(400, "INVALID_ARGUMENT", "Bad request.", null));
        };
    }

    private static String body(int code, String status, String message, String detailsJson) {
        StringBuilder s = new StringBuilder(256).append("{\"error\":{\"code\":").append(code).append(",\"message\":");
        Json.str(s, message).append(",\"status\":\"").append(status).append('"');
        if (detailsJson != null) {
            s.append(",\"details\":").append(detailsJson);
        }
        return s.append("}}").toString();
    }

    /** QuotaFailure + Help + RetryInfo, as in real 429 bodies. */
    private static String quotaDetails(String model, String quotaId, long quotaValue, long retryMs) {
        StringBuilder s = new StringBuilder(512);
        s.append("[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{")
                .append("\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_requests\",")
                .append("\"quotaId\":\"").append(quotaId).append("\",")
                .append("\"quotaDimensions\":{\"location\":\"global\",\"model\":");
        Json.str(s, model).append("},\"quotaValue\":\"").append(quotaValue).append("\"}]},")
                .append("{\"@type\":\"type.googleapis.com/google.rpc.Help\",\"links\":[{\"description\":")
                .append("\"Learn more about Gemini API quotas\",\"url\":\"").append(HELP_URL).append("\"}]},")
                .append("{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"")
                .append(protobufDuration(retryMs)).append("\"}]");
        return s.toString();
    }

    /** A protobuf Duration in JSON: {@code 3s}, {@code 1.500s}. */
    static String protobufDuration(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format("%d.%03ds", ms / 1000, ms % 1000);
    }

    @Override
    public String completion(Reply reply) {
        StringBuilder s = new StringBuilder(reply.answerTokens() * 8 + 512);
        s.append("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":");
        s.append(reply.textJson()).append("}],\"role\":\"model\"},\"finishReason\":\"")
                .append(reply.truncated() ? "MAX_TOKENS" : "STOP").append("\",\"index\":0}],");
        usage(s, reply, reply.answerTokens());
        return tail(s, reply).toString();
    }

    /** {@code "usageMetadata":{…},} with the counts after {@code sent} answer tokens. */
    private static void usage(StringBuilder s, Reply reply, int sent) {
        Usage u = reply.usage();
        long thoughts = u.reasoningTokens();
        s.append("\"usageMetadata\":{\"promptTokenCount\":").append(u.inputTokens())
                .append(",\"candidatesTokenCount\":").append(sent)
                .append(",\"totalTokenCount\":").append(u.inputTokens() + sent + thoughts);
        if (u.cachedInputTokens() > 0) {
            s.append(",\"cachedContentTokenCount\":").append(u.cachedInputTokens());
        }
        s.append(",\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":").append(u.inputTokens()).append("}]");
        if (u.cachedInputTokens() > 0) {
            s.append(",\"cacheTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":").append(u.cachedInputTokens()).append("}]");
        }
        if (thoughts > 0) {
            s.append(",\"thoughtsTokenCount\":").append(thoughts);
        }
        s.append("},");
    }

    private static StringBuilder tail(StringBuilder s, Reply reply) {
        s.append("\"modelVersion\":");
        Json.str(s, reply.model()).append(",\"responseId\":\"").append(reply.id()).append("\"}");
        return s;
    }

    @Override
    public StreamEncoder stream(Reply reply) {
        return new GeminiStream(reply);
    }

    /** SSE ({@code data: …\r\n\r\n}) or, without alt=sse, the elements of one JSON array. */
    private static final class GeminiStream implements StreamEncoder {
        private final Reply reply;
        private final boolean sse;
        private boolean first = true;

        GeminiStream(Reply reply) {
            this.reply = reply;
            this.sse = reply.request().sse();
        }

        @Override
        public String contentType() {
            return sse ? "text/event-stream" : "application/json; charset=UTF-8";
        }

        @Override
        public String open() {
            return sse ? "" : "[";
        }

        @Override
        public String chunk(String text, int sent, boolean last) {
            StringBuilder s = new StringBuilder(text.length() + 400);
            s.append("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":");
            Json.str(s, text).append("}],\"role\":\"model\"}");
            if (last) {
                s.append(",\"finishReason\":\"").append(reply.truncated() ? "MAX_TOKENS" : "STOP").append('"');
            }
            s.append(",\"index\":0}],");
            usage(s, reply, sent);
            return frame(tail(s, reply).toString());
        }

        @Override
        public String close() {
            return sse ? "" : "]";
        }

        @Override
        public String error(int sent) {
            String error = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}";
            return frame(error) + close();
        }

        private String frame(String json) {
            if (sse) {
                return "data: " + json + "\r\n\r\n";
            }
            String framed = first ? json : "\r\n,\r\n" + json;
            first = false;
            return framed;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
