package dev.tutorgate.provider;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.provider.anthropic.AnthropicProtocol;
import dev.tutorgate.provider.gemini.GeminiProtocol;
import dev.tutorgate.provider.openai.OpenAiDialect;
import dev.tutorgate.provider.openai.OpenAiProtocol;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/** Creates the {@link ChatProvider} for one configured upstream account. */
public final class ChatProviders {
    private ChatProviders() {
    }

    /** A provider with the system clock (used for retry-hint dates and rate-limit resets). */
    public static ChatProvider create(TutorgateConfig.Provider config) {
        return create(config, Clock.systemUTC());
    }

    /**
     * @throws IllegalArgumentException when the base URL is missing (openai-compatible has no
     *                                  default) or not an absolute http(s) URL
     */
    public static ChatProvider create(TutorgateConfig.Provider config, Clock clock) {
        Objects.requireNonNull(config, "config");
        ProviderType type = Objects.requireNonNull(config.type(), "provider type");
        String baseUrl = baseUrl(config);
        WireProtocol protocol = switch (type) {
            case GEMINI -> new GeminiProtocol(baseUrl);
            case OPENAI -> new OpenAiProtocol(baseUrl, OpenAiDialect.OPENAI);
            case OPENAI_COMPATIBLE -> new OpenAiProtocol(baseUrl, OpenAiDialect.COMPATIBLE);
            case ANTHROPIC -> new AnthropicProtocol(baseUrl);
        };
        return new HttpChatProvider(config.name(), protocol, new HttpTransport(URI.create(baseUrl.strip())),
                Watchdog.shared(), clock);
    }

    private static String baseUrl(TutorgateConfig.Provider config) {
        String configured = config.baseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String fallback = config.type().defaultBaseUrl();
        if (fallback == null) {
            throw new IllegalArgumentException("provider '" + config.name() + "' of type " + config.type().id()
                    + " needs a baseUrl (e.g. http://localhost:8000/v1 for vLLM, http://localhost:11434 for Ollama)");
        }
        return fallback;
    }
}
