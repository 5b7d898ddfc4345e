package dev.tutorgate.provider.emulator;

import static dev.tutorgate.provider.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every error fault, in each provider's status code, body shape and retry hint (provider-facts §6). */
class ScriptedFaultsTest {
    static Emulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start(EmulatorSettings.builder().answerTokens(10).build());
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    private HttpResponse<String> callWith(Protocol protocol, Fault fault) {
        emulator.script(fault);
        HttpResponse<String> res = client.call(protocol, false);
        assertThat(emulator.pendingFaults()).isEmpty();
        assertThat(emulator.calls().getLast().outcome()).isEqualTo(fault.kind().id());
        assertThat(emulator.calls().getLast().reason()).isEqualTo("script");
        assertThat(emulator.calls().getLast().usage()).isNull();
        assertErrorShape(protocol, res);
        return res;
    }

    /** Gemini {error:{code,message,status}}, OpenAI {error:{message,type,param,code}}, Anthropic {type:error,error:{type,message},request_id}. */
    static void assertErrorShape(Protocol protocol, HttpResponse<String> res) {
        JsonNode json = parse(res.body());
        switch (protocol) {
            case GEMINI -> {
                assertThat(json.at("/error/code").asInt()).isEqualTo(res.statusCode());
                assertThat(json.at("/error/message").asText()).isNotBlank();
                assertThat(json.at("/error/status").asText()).matches("[A-Z_]+");
            }
            case OPENAI -> {
                JsonNode error = json.get("error");
                assertThat(error.get("message").asText()).isNotBlank();
                assertThat(error.has("type") && error.has("param") && error.has("code")).isTrue();
            }
            case ANTHROPIC -> {
                assertThat(json.get("type").asText()).isEqualTo("error");
                assertThat(json.at("/error/type").asText()).isNotBlank();
                assertThat(json.at("/error/message").asText()).isNotBlank();
                assertThat(json.get("request_id").asText())
                        .isEqualTo(res.headers().firstValue("request-id").orElseThrow()).startsWith("req_");
            }
        }
    }

    @Test
    void rateLimitCarriesEachProvidersRetryHint() {
        HttpResponse<String> gemini = callWith(Protocol.GEMINI, Fault.rateLimit(Duration.ofSeconds(7)));
        assertThat(gemini.statusCode()).isEqualTo(429);
        JsonNode error = parse(gemini.body()).get("error");
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        JsonNode retry = detail(error, "type.googleapis.com/google.rpc.RetryInfo");
        assertThat(retry.get("retryDelay").asText()).isEqualTo("7s");
        assertThat(detail(error, "type.googleapis.com/google.rpc.QuotaFailure").at("/violations/0/quotaId").asText())
                .contains("PerMinute").doesNotContain("PerDay");

        HttpResponse<String> openai = callWith(Protocol.OPENAI, Fault.rateLimit(Duration.ofSeconds(7)));
        assertThat(openai.statusCode()).isEqualTo(429);
        assertThat(openai.headers().firstValue("retry-after-ms")).hasValue("7000");
        assertThat(openai.headers().firstValue("retry-after")).hasValue("7");
        assertThat(parse(openai.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(parse(openai.body()).at("/error/message").asText()).startsWith("Rate limit reached for gpt-4.1-mini");

        HttpResponse<String> anthropic = callWith(Protocol.ANTHROPIC, Fault.rateLimit(Duration.ofSeconds(7)));
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(anthropic.headers().firstValue("retry-after")).hasValue("7");
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void fractionalRetryHintsKeepTheirMillisecondsWhereTheFormatAllows() {
        Fault fault = Fault.parse("rate-limit,retry=1500ms");
        JsonNode gemini = parse(callWith(Protocol.GEMINI, fault).body()).get("error");
        assertThat(detail(gemini, "type.googleapis.com/google.rpc.RetryInfo").get("retryDelay").asText()).isEqualTo("1.500s");
        HttpResponse<String> openai = callWith(Protocol.OPENAI, fault);
        assertThat(openai.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(openai.headers().firstValue("retry-after")).hasValue("2");
        assertThat(callWith(Protocol.ANTHROPIC, fault).headers().firstValue("retry-after")).hasValue("2");
    }

    @Test
    void dailyQuotaIsA429ThatSaysItWillNotClearSoon() {
        HttpResponse<String> gemini = callWith(Protocol.GEMINI, Fault.of(FaultKind.DAILY_QUOTA));
        assertThat(gemini.statusCode()).isEqualTo(429);
        JsonNode error = parse(gemini.body()).get("error");
        assertThat(error.get("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(detail(error, "type.googleapis.com/google.rpc.QuotaFailure").at("/violations/0/quotaId").asText())
                .contains("PerDay");

        HttpResponse<String> openai = callWith(Protocol.OPENAI, Fault.of(FaultKind.DAILY_QUOTA));
        assertThat(openai.statusCode()).isEqualTo(429);
        assertThat(parse(openai.body()).at("/error/code").asText()).isEqualTo("insufficient_quota");
        assertThat(parse(openai.body()).at("/error/type").asText()).isEqualTo("insufficient_quota");
        assertThat(parse(openai.body()).at("/error/message").asText()).startsWith("You exceeded your current quota");
        assertThat(openai.headers().firstValue("retry-after")).isEmpty();
        assertThat(openai.headers().firstValue("retry-after-ms")).isEmpty();

        HttpResponse<String> anthropic = callWith(Protocol.ANTHROPIC, Fault.of(FaultKind.DAILY_QUOTA));
        assertThat(anthropic.statusCode()).isEqualTo(429);
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(anthropic.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void overloadedIs503ExceptAnthropicsOwn529() {
        HttpResponse<String> gemini = callWith(Protocol.GEMINI, Fault.of(FaultKind.OVERLOADED));
        assertThat(gemini.statusCode()).isEqualTo(503);
        assertThat(parse(gemini.body()).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(parse(gemini.body()).at("/error/message").asText()).isEqualTo("The model is overloaded. Please try again later.");

        HttpResponse<String> openai = callWith(Protocol.OPENAI, Fault.of(FaultKind.OVERLOADED));
        assertThat(openai.statusCode()).isEqualTo(503);
        assertThat(parse(openai.body()).at("/error/type").asText()).isEqualTo("server_error");

        HttpResponse<String> anthropic = callWith(Protocol.ANTHROPIC, Fault.of(FaultKind.OVERLOADED));
        assertThat(anthropic.statusCode()).isEqualTo(529);
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void unavailableServerErrorAndGatewayTimeoutKeepTheirStatusOnEveryProtocol(Protocol protocol) {
        assertThat(callWith(protocol, Fault.of(FaultKind.UNAVAILABLE)).statusCode()).isEqualTo(503);
        HttpResponse<String> internal = callWith(protocol, Fault.of(FaultKind.SERVER_ERROR));
        assertThat(internal.statusCode()).isEqualTo(500);
        HttpResponse<String> timeout = callWith(protocol, Fault.of(FaultKind.GATEWAY_TIMEOUT));
        assertThat(timeout.statusCode()).isEqualTo(504);
        switch (protocol) {
            case GEMINI -> {
                assertThat(parse(internal.body()).at("/error/status").asText()).isEqualTo("INTERNAL");
                assertThat(parse(timeout.body()).at("/error/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
            }
            case OPENAI -> assertThat(parse(internal.body()).at("/error/type").asText()).isEqualTo("server_error");
            case ANTHROPIC -> {
                assertThat(parse(internal.body()).at("/error/type").asText()).isEqualTo("api_error");
                assertThat(parse(timeout.body()).at("/error/type").asText()).isEqualTo("timeout_error");
            }
        }
    }

    @Test
    void invalidKeyIsGeminis400WithApiKeyInvalidAndA401Elsewhere() {
        HttpResponse<String> gemini = callWith(Protocol.GEMINI, Fault.of(FaultKind.INVALID_KEY));
        assertThat(gemini.statusCode()).isEqualTo(400);
        assertThat(detail(parse(gemini.body()).get("error"), "type.googleapis.com/google.rpc.ErrorInfo").get("reason").asText())
                .isEqualTo("API_KEY_INVALID");
        HttpResponse<String> openai = callWith(Protocol.OPENAI, Fault.of(FaultKind.INVALID_KEY));
        assertThat(openai.statusCode()).isEqualTo(401);
        assertThat(parse(openai.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        HttpResponse<String> anthropic = callWith(Protocol.ANTHROPIC, Fault.of(FaultKind.INVALID_KEY));
        assertThat(anthropic.statusCode()).isEqualTo(401);
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void contextTooLongUsesEachProvidersWording() {
        HttpResponse<String> gemini = callWith(Protocol.GEMINI, Fault.of(FaultKind.CONTEXT_TOO_LONG));
        assertThat(gemini.statusCode()).isEqualTo(400);
        assertThat(parse(gemini.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(parse(gemini.body()).at("/error/message").asText())
                .matches("The input token count \\(\\d+\\) exceeds the maximum number of tokens allowed \\(1048576\\)\\.");

        HttpResponse<String> openai = callWith(Protocol.OPENAI, Fault.of(FaultKind.CONTEXT_TOO_LONG));
        assertThat(openai.statusCode()).isEqualTo(400);
        JsonNode error = parse(openai.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
        assertThat(error.get("param").asText()).isEqualTo("messages");
        assertThat(error.get("message").asText()).startsWith("This model's maximum context length is 1047576 tokens. However, your messages resulted in ");

        HttpResponse<String> anthropic = callWith(Protocol.ANTHROPIC, Fault.of(FaultKind.CONTEXT_TOO_LONG));
        assertThat(anthropic.statusCode()).isEqualTo(400);
        assertThat(parse(anthropic.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(parse(anthropic.body()).at("/error/message").asText()).matches("prompt is too long: \\d+ tokens > 200000 maximum");
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRealPromptLargerThanTheContextWindowGetsTheSameErrorWithItsTrueCount(Protocol protocol) {
        emulator.settings(emulator.settings().toBuilder().contextWindowTokens(5).build());
        HttpResponse<String> res = client.call(protocol, false);

        assertThat(res.statusCode()).isEqualTo(400);
        CallRecord call = emulator.calls().getLast();
        assertThat(call.outcome()).isEqualTo("context-too-long");
        assertThat(call.reason()).isEqualTo("context-window");
        assertThat(res.body()).contains("5");
        assertErrorShape(protocol, res);
    }

    private static JsonNode detail(JsonNode error, String type) {
        for (JsonNode d : error.get("details")) {
            if (d.get("@type").asText().equals(type)) {
                return d;
            }
        }
        throw new AssertionError("no " + type + " in " + error);
    }
}
