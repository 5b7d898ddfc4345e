package dev.tutorgate.web;

import static dev.tutorgate.web.ChatApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.web.auth.IssuedToken;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real rate limiter and budget guard, as students and applications see them. */
class LimitsAndBudgetTest {
    static TutorgateFixture web;

    @BeforeAll
    static void start() {
        web = new TutorgateFixture(EmulatorSettings.instant(), """
                limits: { studentRequestsPerMinute: 2 }
                budget: { dailyUsd: 0.000001, degrade: [refuse] }
                """);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void overBudgetIs503WithAFriendlyMessageAndRetryAfterInBothLanguages() throws Exception {
        IssuedToken s = web.student("Late");
        HttpResponse<String> en = web.post("/api/chat", s.token(), "{\"message\": \"What is FastAPI?\"}");
        assertError(en, 503, "budget_exceeded");
        long wait = Long.parseLong(en.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1L, 24 * 3600L);
        assertThat(Json.MAPPER.readTree(en.body()).get("error").get("message").asText())
                .startsWith("The tutor's budget for today is used up. It will be back in ");
        HttpResponse<String> ru = web.post("/api/chat", s.token(), "{\"message\": \"Что такое FastAPI?\"}",
                "Accept", "text/event-stream", "Accept-Language", "ru");
        assertError(ru, 503, "budget_exceeded");
        assertThat(Json.MAPPER.readTree(ru.body()).get("error").get("message").asText())
                .startsWith("Бюджет тьютора на сегодня исчерпан. Он снова заработает через ");
    }

    @Test
    void theOpenAiApiSaysTheSameInItsOwnShape() throws Exception {
        IssuedToken app = web.student("App");
        String ask = "{\"messages\": [{\"role\": \"user\", \"content\": \"What is FastAPI?\"}]}";
        HttpResponse<String> budget = web.post("/v1/chat/completions", app.token(), ask);
        OpenAiApiTest.assertOpenAiError(budget, 503, "server_error", "budget_exceeded");
        web.post("/v1/chat/completions", app.token(), ask);
        HttpResponse<String> limited = web.post("/v1/chat/completions", app.token(), ask);
        OpenAiApiTest.assertOpenAiError(limited, 429, "rate_limit_error", "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theThirdRequestInAMinuteIs429AndAnotherStudentIsNotAffected() throws Exception {
        IssuedToken busy = web.student("Busy");
        web.post("/api/chat", busy.token(), "{\"message\": \"one\"}");
        web.post("/api/chat", busy.token(), "{\"message\": \"two\"}");
        HttpResponse<String> third = web.post("/api/chat", busy.token(), "{\"message\": \"three\"}");
        assertError(third, 429, "rate_limited");
        JsonNode error = Json.MAPPER.readTree(third.body()).get("error");
        assertThat(error.get("retryAfterSeconds").asLong()).isPositive();
        IssuedToken calm = web.student("Calm");
        assertThat(web.post("/api/chat", calm.token(), "{\"message\": \"one\"}").statusCode()).isEqualTo(503);
    }
}
