package dev.tutorgate.provider.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The built-in fake upstream: one HTTP server on 127.0.0.1 that speaks the Gemini, OpenAI and
 * Anthropic wire protocols at once (provider-facts §1–§7), with configurable timing and usage,
 * a script of faults consumed call by call, persistent outages and a record of every call.
 *
 * <pre>{@code
 * try (Emulator emulator = Emulator.start(EmulatorSettings.instant())) {
 *     emulator.script(Fault.rateLimit(Duration.ofSeconds(3)).on(Protocol.OPENAI));
 *     // point a provider at emulator.baseUrl(), call it, then:
 *     assertThat(emulator.calls()).extracting(CallRecord::outcome).containsExactly("rate-limit", "ok");
 * }
 * }</pre>
 *
 * Thread-safe; every call runs on its own virtual thread. The same controls are served over HTTP
 * under {@code /_emulator/} (see {@link ControlApi}).
 */
public final class Emulator implements AutoCloseable {
    private final Clock clock;
    private final EmulatorSettings initialSettings;
    private volatile EmulatorSettings settings;
    private volatile Random random;
    private final FaultScript script = new FaultScript();
    private final Outages outages = new Outages();
    private final KeyRateWindows rateWindows = new KeyRateWindows();
    private final AnthropicPromptCache anthropicCache = new AnthropicPromptCache();
    private final PromptMeter meter = new PromptMeter();
    private final AnswerComposer composer = new AnswerComposer();
    private final CallLog callLog;
    private final Pacer pacer = new Pacer();
    private final EmulatorServer server;

    private Emulator(EmulatorSettings settings, int port, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.initialSettings = Objects.requireNonNull(settings, "settings");
        this.settings = settings;
        this.random = new Random(settings.randomSeed());
        this.callLog = new CallLog(() -> this.settings.maxRecordedCalls());
        this.server = new EmulatorServer(this, port);
    }

    /** Starts on a free port with the system clock. */
    public static Emulator start(EmulatorSettings settings) {
        return start(settings, 0, Clock.systemUTC());
    }

    /** Starts on {@code port} (0 = a free one) with the system clock. */
    public static Emulator start(EmulatorSettings settings, int port) {
        return start(settings, port, Clock.systemUTC());
    }

    /**
     * Starts on {@code port} (0 = a free one). {@code clock} dates the recorded calls and decides
     * outages, per-key rate windows and Anthropic cache lifetimes; delays always use real time.
     */
    public static Emulator start(EmulatorSettings settings, int port, Clock clock) {
        Emulator emulator = new Emulator(settings, port, clock);
        emulator.server.start();
        return emulator;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL of all three protocols. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /** Replaces the settings; calls already under way keep the settings they started with. */
    public void settings(EmulatorSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        random = new Random(newSettings.randomSeed());
        settings = newSettings;
    }

    /** Appends faults to the script. */
    public void script(Fault... faults) {
        script(Arrays.asList(faults));
    }

    public void script(List<Fault> faults) {
        script.append(List.copyOf(faults));
    }

    /** The faults not yet used up, in script order. */
    public List<Fault> pendingFaults() {
        return script.pending();
    }

    public void clearScript() {
        script.clear();
    }

    /** The recorded calls, oldest first (at most {@link EmulatorSettings#maxRecordedCalls()}). */
    public List<CallRecord> calls() {
        return callLog.snapshot();
    }

    public void clearCalls() {
        callLog.clear();
    }

    /** {@code model} answers every call with its provider's "overloaded" error until {@link #modelUp}. */
    public void modelDown(String model) {
        outages.down(model, null);
    }

    /** {@code model} is down for {@code duration} of the emulator's clock, then back. */
    public void modelDown(String model, Duration duration) {
        outages.down(model, clock.millis() + duration.toMillis());
    }

    /** {@code model} is down until {@code until} of the emulator's clock. */
    public void modelDown(String model, Instant until) {
        outages.down(model, until.toEpochMilli());
    }

    public void modelUp(String model) {
        outages.up(model);
    }

    public List<Outage> outages() {
        return outages.current(clock.millis());
    }

    /**
     * Back to the start: the settings the emulator started with, an empty script, no outages, no
     * recorded calls, fresh rate windows and an empty Anthropic prompt cache.
     */
    public void reset() {
        settings(initialSettings);
        script.clear();
        outages.clear();
        callLog.clear();
        rateWindows.clear();
        anthropicCache.clear();
        meter.clear();
    }

    /** Stops the server; hangs and paced streams end at once (their connections are dropped). */
    @Override
    public void close() {
        pacer.stop();
        server.stop();
    }

    // ------------------------------------------------------------ for the call handler

    Clock clock() {
        return clock;
    }

    FaultScript script() {
        return script;
    }

    Outages outageTable() {
        return outages;
    }

    KeyRateWindows rateWindows() {
        return rateWindows;
    }

    AnthropicPromptCache anthropicCache() {
        return anthropicCache;
    }

    PromptMeter meter() {
        return meter;
    }

    AnswerComposer composer() {
        return composer;
    }

    CallLog callLog() {
        return callLog;
    }

    Pacer pacer() {
        return pacer;
    }

    /** A random 503/529 or 429 at the configured failure rate, else null. */
    Fault randomFault(EmulatorSettings s) {
        if (s.failureRate() <= 0) {
            return null;
        }
        Random r = random;
        if (r.nextDouble() >= s.failureRate()) {
            return null;
        }
        return r.nextBoolean() ? Fault.of(FaultKind.OVERLOADED) : Fault.rateLimit(Duration.ofSeconds(1));
    }
}
