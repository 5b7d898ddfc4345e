package dev.tutorgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "http://localhost:8000", "http://localhost:8000/", "http://localhost:8000/v1", "http://localhost:8000/v1/",
            "http://localhost:8000/v1/chat/completions"})
    void openAiCompatibleBaseUrlsWithOrWithoutV1(String base) {
        assertThat(Endpoints.versioned(base, "/v1")).isEqualTo("http://localhost:8000/v1");
    }

    @Test
    void keepsAPathPrefixInFrontOfTheVersion() {
        assertThat(Endpoints.versioned("https://gateway.example/openai/v1", "/v1"))
                .isEqualTo("https://gateway.example/openai/v1");
        assertThat(Endpoints.versioned("https://gateway.example/openai", "/v1"))
                .isEqualTo("https://gateway.example/openai/v1");
    }

    @Test
    void geminiVersion() {
        assertThat(Endpoints.versioned("https://generativelanguage.googleapis.com", "/v1beta"))
                .isEqualTo("https://generativelanguage.googleapis.com/v1beta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8000", "ftp://host/v1", "not a url", "/v1"})
    void rejectsWhatIsNotAnHttpUrl(String base) {
        assertThatThrownBy(() -> Endpoints.versioned(base, "/v1")).isInstanceOf(IllegalArgumentException.class);
    }
}
