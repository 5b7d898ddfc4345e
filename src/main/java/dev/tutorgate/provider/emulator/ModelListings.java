package dev.tutorgate.provider.emulator;

import dev.tutorgate.config.ModelCatalog;
import java.io.IOException;
import java.util.List;

/**
 * The model listings of the three APIs, from the model catalog: Gemini
 * {@code GET /v1beta/models[/{model}]} (with inputTokenLimit / outputTokenLimit), OpenAI
 * {@code GET /v1/models}, and Anthropic's {@code GET /v1/models} (told apart by its x-api-key).
 * Any model name is served by Gemini's single-model call; unknown ones get default limits.
 */
final class ModelListings {
    private static final long DEFAULT_INPUT_LIMIT = 1_048_576;
    private static final int DEFAULT_OUTPUT_LIMIT = 65_536;

    private final Emulator emulator;
    private final GeminiDialect gemini;
    private final OpenAiDialect openai;
    private final AnthropicDialect anthropic;

    ModelListings(Emulator emulator, GeminiDialect gemini, OpenAiDialect openai, AnthropicDialect anthropic) {
        this.emulator = emulator;
        this.gemini = gemini;
        this.openai = openai;
        this.anthropic = anthropic;
    }

    void geminiModel(Exchange ctx) throws IOException {
        if (refusedWithoutKey(ctx, gemini)) {
            return;
        }
        String model = ctx.pathParam();
        var entry = ModelCatalog.find(model);
        json(ctx, geminiModelJson(model, entry.map(ModelCatalog.Entry::contextWindow).orElse(DEFAULT_INPUT_LIMIT),
                entry.map(ModelCatalog.Entry::maxOutputTokens).orElse(DEFAULT_OUTPUT_LIMIT)));
    }

    void geminiList(Exchange ctx) throws IOException {
        if (refusedWithoutKey(ctx, gemini)) {
            return;
        }
        StringBuilder s = new StringBuilder("{\"models\":[");
        List<ModelCatalog.Entry> models = catalog("gemini");
        for (int i = 0; i < models.size(); i++) {
            ModelCatalog.Entry e = models.get(i);
            s.append(i == 0 ? "" : ",").append(geminiModelJson(e.name(), e.contextWindow(), e.maxOutputTokens()));
        }
        json(ctx, s.append("]}").toString());
    }

    private String geminiModelJson(String model, long inputLimit, int outputLimit) {
        long window = emulator.settings().contextWindowTokens();
        StringBuilder s = new StringBuilder(400).append("{\"name\":");
        Json.str(s, "models/" + model).append(",\"version\":\"001\",\"displayName\":");
        Json.str(s, model).append(",\"description\":\"Emulated by tutorgate\",\"inputTokenLimit\":")
                .append(window > 0 ? window : inputLimit).append(",\"outputTokenLimit\":").append(outputLimit)
                .append(",\"supportedGenerationMethods\":[\"generateContent\",\"streamGenerateContent\"]")
                .append(",\"temperature\":1,\"maxTemperature\":2,\"topP\":0.95,\"topK\":64,\"thinking\":true}");
        return s.toString();
    }

    void openaiOrAnthropicList(Exchange ctx) throws IOException {
        boolean anthropicCall = ctx.header("x-api-key") != null && ctx.header("Authorization") == null;
        if (anthropicCall) {
            if (refusedWithoutKey(ctx, anthropic)) {
                return;
            }
            List<ModelCatalog.Entry> models = catalog("claude");
            StringBuilder s = new StringBuilder("{\"data\":[");
            for (int i = 0; i < models.size(); i++) {
                s.append(i == 0 ? "" : ",").append("{\"type\":\"model\",\"id\":");
                Json.str(s, models.get(i).name()).append(",\"display_name\":");
                Json.str(s, models.get(i).name()).append(",\"created_at\":\"2025-10-01T00:00:00Z\"}");
            }
            s.append("],\"has_more\":false,\"first_id\":");
            Json.str(s, models.isEmpty() ? null : models.get(0).name()).append(",\"last_id\":");
            Json.str(s, models.isEmpty() ? null : models.get(models.size() - 1).name()).append('}');
            json(ctx, s.toString());
            return;
        }
        if (refusedWithoutKey(ctx, openai)) {
            return;
        }
        StringBuilder s = new StringBuilder("{\"object\":\"list\",\"data\":[");
        List<ModelCatalog.Entry> models = catalog("gpt");
        for (int i = 0; i < models.size(); i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\":");
            Json.str(s, models.get(i).name()).append(",\"object\":\"model\",\"created\":1744588800,\"owned_by\":\"system\"}");
        }
        json(ctx, s.append("]}").toString());
    }

    private static List<ModelCatalog.Entry> catalog(String prefix) {
        return ModelCatalog.all().stream().filter(e -> e.name().startsWith(prefix)).toList();
    }

    private boolean refusedWithoutKey(Exchange ctx, Dialect dialect) throws IOException {
        String key = dialect.apiKey(ctx);
        ErrorCase problem = key == null ? new ErrorCase.MissingKey()
                : emulator.settings().refuses(key) ? new ErrorCase.InvalidKey(key) : null;
        if (problem == null) {
            return false;
        }
        Dialect.HttpError e = dialect.error(problem, null, dialect.newId());
        ctx.sendJson(e.status(), e.body());
        return true;
    }

    private static void json(Exchange ctx, String body) throws IOException {
        ctx.sendJson(200, body);
    }
}
