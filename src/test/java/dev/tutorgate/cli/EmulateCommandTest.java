package dev.tutorgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.provider.emulator.Emulator;
import dev.tutorgate.provider.emulator.EmulatorSettings;
import dev.tutorgate.provider.emulator.FaultKind;
import dev.tutorgate.provider.emulator.Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The emulate verb: its options, its help, its refusals and what it prints. */
class EmulateCommandTest {
    private static EmulateCommand parse(String... args) {
        EmulateCommand command = new EmulateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void optionsOverrideTheProfile() {
        EmulatorSettings s = parse("--profile", "flaky", "--ttft-ms", "50", "--tokens-per-second", "0", "--answer-tokens", "12",
                "--cached-fraction", "0.5", "--latency-ms", "5", "--failure-rate", "0.2", "--seed", "9", "--rpm-per-key", "30",
                "--context-window", "1000", "--thinking-tokens", "4", "--tokens-per-chunk", "3",
                "--valid-key", "a", "--valid-key", "b", "--invalid-key", "c").settings();

        assertThat(s.profile()).isEqualTo("flaky");
        assertThat(s.ttftMs()).isEqualTo(50);
        assertThat(s.tokensPerSecond()).isZero();
        assertThat(s.answerTokens()).isEqualTo(12);
        assertThat(s.cachedFraction()).isEqualTo(0.5);
        assertThat(s.latencyMs()).isEqualTo(5);
        assertThat(s.failureRate()).isEqualTo(0.2);
        assertThat(s.randomSeed()).isEqualTo(9);
        assertThat(s.requestsPerMinutePerKey()).isEqualTo(30);
        assertThat(s.contextWindowTokens()).isEqualTo(1000);
        assertThat(s.thinkingTokens()).isEqualTo(4);
        assertThat(s.tokensPerChunk()).isEqualTo(3);
        assertThat(s.validKeys()).isEqualTo(Set.of("a", "b"));
        assertThat(s.invalidKeys()).isEqualTo(Set.of("c"));
    }

    @Test
    void withoutOptionsItIsTheRealisticProfile() {
        assertThat(parse().settings()).isEqualTo(EmulatorSettings.realistic());
        assertThat(parse("--profile", "instant").settings()).isEqualTo(EmulatorSettings.instant());
    }

    @Test
    void faultsAndOutagesAreParsed() {
        EmulateCommand c = parse("--fault", "rate-limit,retry=2s,times=2", "--fault", "cut-stream,after=4,protocol=anthropic",
                "--model-down", "gpt-4.1", "--model-down", "gemini-2.5-pro=90");

        assertThat(c.faults()).extracting(f -> f.kind()).containsExactly(FaultKind.RATE_LIMIT, FaultKind.CUT_STREAM);
        assertThat(c.faults().get(1).protocol()).isEqualTo(Protocol.ANTHROPIC);
        assertThat(c.modelsDown()).containsEntry("gpt-4.1", null).containsEntry("gemini-2.5-pro", Duration.ofSeconds(90));
    }

    @Test
    void badValuesExitWithTheUsageCode() {
        assertThat(Main.run("emulate", "--profile", "turbo")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("emulate", "--cached-fraction", "1.5")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("emulate", "--answer-tokens", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("emulate", "--fault", "explode")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("emulate", "--model-down", "m=soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(Main.run("emulate", "--port", "many")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpExplainsEveryOptionProfilesAndTheFaultSyntax() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("emulate", "--help")).isZero();

        String help = out.toString();
        for (String option : new String[]{"--port", "--profile", "--latency-ms", "--ttft-ms", "--tokens-per-second",
                "--answer-tokens", "--tokens-per-chunk", "--cached-fraction", "--thinking-tokens", "--failure-rate", "--seed",
                "--rpm-per-key", "--context-window", "--valid-key", "--invalid-key", "--model-down", "--fault"}) {
            assertThat(help).contains(option);
        }
        for (FaultKind kind : FaultKind.values()) {
            assertThat(help).contains(kind.id());
        }
        assertThat(help).contains("instant", "realistic", "flaky", "/_emulator/faults", "times=", "retry=", "after=", "for=");
    }

    @Test
    void printsTheBaseUrlsAndAConfigSnippet() {
        try (Emulator emulator = Emulator.start(EmulatorSettings.realistic())) {
            emulator.modelDown("gpt-4.1");
            String text = EmulateCommand.describe(emulator);
            assertThat(text).contains("listening on " + emulator.baseUrl())
                    .contains("openai-compatible  " + emulator.baseUrl() + "/v1")
                    .contains("type: anthropic, baseUrl: \"" + emulator.baseUrl() + "\"")
                    .contains("TTFT 500 ms, 50 tokens/s, 200-token answers, 80% of the prompt cached")
                    .contains("Models down").contains("gpt-4.1");
        }
    }
}
