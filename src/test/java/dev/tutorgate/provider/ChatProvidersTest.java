package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tutorgate.config.ProviderType;
import dev.tutorgate.config.TutorgateConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatProvidersTest {

    private static TutorgateConfig.Provider config(ProviderType type, String baseUrl) {
        return new TutorgateConfig.Provider("p-" + type.id(), type, baseUrl, List.of("${KEY}"), null, "tier1", null);
    }

    @Test
    void everyTypeGetsAProviderNamedAfterItsConfig() {
        for (ProviderType type : ProviderType.values()) {
            String base = type == ProviderType.OPENAI_COMPATIBLE ? "http://localhost:11434" : null;
            try (ChatProvider provider = ChatProviders.create(config(type, base))) {
                assertThat(provider.name()).isEqualTo("p-" + type.id());
            }
        }
    }

    @Test
    void openAiCompatibleNeedsABaseUrl() {
        assertThatThrownBy(() -> ChatProviders.create(config(ProviderType.OPENAI_COMPATIBLE, " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a baseUrl");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> ChatProviders.create(config(ProviderType.OPENAI, "api.openai.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainHttpUsesHttp11AndHttpsAllowsHttp2() {
        try (HttpTransport plain = new HttpTransport(java.net.URI.create("http://127.0.0.1:8000"));
             HttpTransport tls = new HttpTransport(java.net.URI.create("https://api.openai.com"))) {
            assertThat(plain.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            assertThat(tls.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        }
    }
}
