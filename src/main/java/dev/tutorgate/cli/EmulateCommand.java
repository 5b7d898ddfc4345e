package dev.tutorgate.cli;

import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.Fault;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tutorgate emulate}: the built-in fake upstream, until killed. */
@Command(name = "emulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Run the provider emulator: one HTTP server on 127.0.0.1 that speaks the Gemini, OpenAI and Anthropic "
                        + "wire protocols at once, with configurable timing, usage (including cached tokens) and scripted "
                        + "faults. Point a tutorgate provider's baseUrl at it. Runs until killed.",
                "",
                // picocli formats descriptions: a percent sign is written %%
                "Profiles: instant (no delays; for overhead benchmarks and tests), realistic (TTFT 500 ms, 50 tokens/s, "
                        + "200-token answers, 80%% of the prompt cached; the default), flaky (realistic, and 10%% of calls "
                        + "fail with a random 503/529 or 429). Options below override the profile.",
                ""},
        footer = {
                "",
                "Fault spec: KIND[,NAME=VALUE]... consumed call by call; each call takes the first fault that matches it.",
                "  Kinds: ok, rate-limit, daily-quota, overloaded (Gemini/OpenAI 503, Anthropic 529), unavailable (503),",
                "         server-error (500), gateway-timeout (504), invalid-key, context-too-long, hang-before-headers,",
                "         hang-after-headers, cut-stream, error-event (streamed calls only)",
                "  Names: times=N|* (uses; default 1), protocol=gemini|openai|anthropic, model=M, key=K,",
                "         retry=3s (rate-limit hint), after=N (tokens before cut-stream/error-event; default 5),",
                "         for=10s (hang duration; default until the emulator stops)",
                "  Examples: --fault rate-limit,retry=5s,times=2  --fault cut-stream,after=20,protocol=anthropic",
                "",
                "Control API on the same port: GET/PUT /_emulator/settings, GET/POST/DELETE /_emulator/faults,",
                "GET/DELETE /_emulator/calls, GET/POST/DELETE /_emulator/outages, POST /_emulator/reset.",
                "See docs/readme/emulator.md for the wire formats and usage semantics."})
public final class EmulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = 9100;

    @Option(names = "--profile", paramLabel = "NAME", description = "instant, realistic or flaky. Default: ${DEFAULT-VALUE}.")
    String profile = "realistic";

    @Option(names = "--latency-ms", paramLabel = "MS", description = "Delay before the status line and headers, on every call.")
    Long latencyMs;

    @Option(names = "--ttft-ms", paramLabel = "MS", description = "Further delay from the headers to the first answer token.")
    Long ttftMs;

    @Option(names = "--tokens-per-second", paramLabel = "N", description = "Answer pace after the first token; 0 = as fast as possible.")
    Double tokensPerSecond;

    @Option(names = "--answer-tokens", paramLabel = "N", description = "Answer length in tokens (a request's max output tokens cut it shorter).")
    Integer answerTokens;

    @Option(names = "--tokens-per-chunk", paramLabel = "N", description = "Answer tokens per streamed event.")
    Integer tokensPerChunk;

    @Option(names = "--cached-fraction", paramLabel = "F", description = "Part of the prompt reported as cached, 0 to 1 (Anthropic: only behind a cache_control breakpoint; first call writes, later calls read).")
    Double cachedFraction;

    @Option(names = "--thinking-tokens", paramLabel = "N", description = "Thinking/reasoning tokens reported on top of the answer.")
    Integer thinkingTokens;

    @Option(names = "--failure-rate", paramLabel = "F", description = "Chance, 0 to 1, that a call fails with a random 503/529 or 429.")
    Double failureRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random failures.")
    Long seed;

    @Option(names = "--rpm-per-key", paramLabel = "N", description = "Per-key requests per minute, enforced with real 429s (0 = no limit).")
    Integer rpmPerKey;

    @Option(names = "--context-window", paramLabel = "TOKENS", description = "Context window of every model (default: the model catalog's; 1,048,576 for unknown models).")
    Long contextWindow;

    @Option(names = "--valid-key", paramLabel = "KEY", description = "Accept only these keys (repeatable); others get the invalid-key error.")
    List<String> validKeys = new ArrayList<>();

    @Option(names = "--invalid-key", paramLabel = "KEY", description = "Always refuse this key with the invalid-key error (repeatable).")
    List<String> invalidKeys = new ArrayList<>();

    @Option(names = "--model-down", paramLabel = "MODEL[=SECONDS]", description = "The model answers 'overloaded' (for SECONDS, or until turned off through the control API). Repeatable.")
    List<String> modelsDown = new ArrayList<>();

    @Option(names = "--fault", paramLabel = "SPEC", description = "Append a fault to the script (repeatable; syntax below).")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        EmulatorSettings settings = settings();
        List<Fault> script = faults();
        Map<String, Duration> down = modelsDown();
        Emulator emulator;
        try {
            emulator = Emulator.start(settings, port);
        } catch (RuntimeException e) {
            throw new UserError("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")");
        }
        emulator.script(script);
        down.forEach((model, duration) -> {
            if (duration == null) {
                emulator.modelDown(model);
            } else {
                emulator.modelDown(model, duration);
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(emulator));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The settings: the profile's, with the options given on top. */
    EmulatorSettings settings() {
        EmulatorSettings.Builder b;
        try {
            b = EmulatorSettings.profile(profile).toBuilder();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (latencyMs != null) b.latencyMs(latencyMs);
        if (ttftMs != null) b.ttftMs(ttftMs);
        if (tokensPerSecond != null) b.tokensPerSecond(tokensPerSecond);
        if (answerTokens != null) b.answerTokens(answerTokens);
        if (tokensPerChunk != null) b.tokensPerChunk(tokensPerChunk);
        if (cachedFraction != null) b.cachedFraction(cachedFraction);
        if (thinkingTokens != null) b.thinkingTokens(thinkingTokens);
        if (failureRate != null) b.failureRate(failureRate);
        if (seed != null) b.randomSeed(seed);
        if (rpmPerKey != null) b.requestsPerMinutePerKey(rpmPerKey);
        if (contextWindow != null) b.contextWindowTokens(contextWindow);
        if (!validKeys.isEmpty()) b.validKeys(Set.copyOf(validKeys));
        if (!invalidKeys.isEmpty()) b.invalidKeys(Set.copyOf(invalidKeys));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    List<Fault> faults() {
        List<Fault> parsed = new ArrayList<>();
        for (String f : faults) {
            try {
                parsed.add(Fault.parse(f));
            } catch (IllegalArgumentException e) {
                throw new UserError("--fault " + f + ": " + e.getMessage());
            }
        }
        return parsed;
    }

    /** The --model-down options: model → how long (null = until turned off). */
    Map<String, Duration> modelsDown() {
        Map<String, Duration> down = new LinkedHashMap<>();
        for (String option : modelsDown) {
            int eq = option.indexOf('=');
            if (eq < 0) {
                down.put(option, null);
            } else {
                double seconds = parseNumber("--model-down", option.substring(eq + 1));
                down.put(option.substring(0, eq), Duration.ofMillis((long) (seconds * 1000)));
            }
        }
        return down;
    }

    /** What to print once the emulator listens: where, how it behaves, what to put in a config. */
    static String describe(Emulator emulator) {
        EmulatorSettings s = emulator.settings();
        String base = emulator.baseUrl();
        StringBuilder out = new StringBuilder();
        out.append("tutorgate emulator listening on ").append(base).append('\n');
        out.append(String.format("profile %s: latency %d ms, TTFT %d ms, %s tokens/s, %d-token answers, %s of the prompt cached%s%n",
                s.profile(), s.latencyMs(), s.ttftMs(), s.tokensPerSecond() > 0 ? fmt(s.tokensPerSecond()) : "unlimited",
                s.answerTokens(), percent(s.cachedFraction()),
                s.failureRate() > 0 ? ", " + percent(s.failureRate()) + " random failures" : ""));
        out.append('\n').append("Base URLs for a tutorgate config (any key works unless --valid-key is given):\n");
        out.append("  gemini             ").append(base).append("      POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse\n");
        out.append("  openai             ").append(base).append("      POST /v1/chat/completions\n");
        out.append("  openai-compatible  ").append(base).append("/v1\n");
        out.append("  anthropic          ").append(base).append("      POST /v1/messages\n");
        out.append('\n').append("providers:\n");
        for (String type : new String[]{"gemini", "openai", "anthropic"}) {
            out.append("  - { name: emulated-").append(type).append(", type: ").append(type).append(", baseUrl: \"")
                    .append(base).append("\", apiKeys: [\"emulator-key\"] }\n");
        }
        out.append('\n').append("Control API: ").append(base).append("/_emulator  (settings, faults, calls, outages, reset)\n");
        if (!emulator.pendingFaults().isEmpty()) {
            out.append("Fault script: ").append(emulator.pendingFaults()).append('\n');
        }
        if (!emulator.outages().isEmpty()) {
            out.append("Models down: ").append(emulator.outages()).append('\n');
        }
        out.append("Stop with Ctrl-C.\n");
        return out.toString();
    }

    private static String percent(double fraction) {
        return fmt(fraction * 100) + "%";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static double parseNumber(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d <= 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UserError(option + ": '" + value + "' is not a positive number of seconds");
        }
    }
}
