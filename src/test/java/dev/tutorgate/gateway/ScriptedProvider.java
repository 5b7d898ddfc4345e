package dev.tutorgate.gateway;

import dev.tutorgate.core.TextSink;
import dev.tutorgate.core.Usage;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ErrorKind;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import dev.tutorgate.provider.RateLimitSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process provider that answers from scripts, call by call (until the emulator lands):
 * chunks of text, the usage it reports, and an optional failure before or after some chunks.
 */
final class ScriptedProvider implements ChatProvider {
    record Seen(ModelCall call, String keyAlias, boolean streamed) {
    }

    /**
     * @param failAfterChunks -1 = no failure; 0 = fail before any text; n = fail after n chunks
     * @param partialUsage    usage reported before a failure (null = none)
     */
    record Script(List<String> chunks, Usage usage, int failAfterChunks, ErrorKind failure, Usage partialUsage) {
        static Script answer(Usage usage, String... chunks) {
            return new Script(List.of(chunks), usage, -1, null, null);
        }

        static Script failBeforeText(ErrorKind kind) {
            return new Script(List.of(), null, 0, kind, null);
        }

        static Script failAfter(int chunks, ErrorKind kind, Usage partialUsage, String... text) {
            return new Script(List.of(text), null, chunks, kind, partialUsage);
        }
    }

    private final String name;
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private volatile Script fallback;
    /** Runs inside every call, before any text: lets a test look at the world while a call is open. */
    volatile Runnable duringCall = () -> { };
    final List<Seen> calls = new CopyOnWriteArrayList<>();

    ScriptedProvider(String name) {
        this.name = name;
    }

    ScriptedProvider then(Script script) {
        scripts.add(script);
        return this;
    }

    /** The script for every call once the queue is empty. */
    ScriptedProvider always(Script script) {
        this.fallback = script;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProviderReply complete(ModelCall call, ApiKey key) throws ProviderException {
        calls.add(new Seen(call, key.alias(), false));
        duringCall.run();
        Script script = next();
        if (script.failure() != null) {
            throw new ProviderException(script.failure(), 503, Duration.ofSeconds(7), "scripted " + script.failure().label());
        }
        return new ProviderReply(String.join("", script.chunks()), script.usage(), "stop", RateLimitSnapshot.NONE);
    }

    @Override
    public ProviderReply stream(ModelCall call, ApiKey key, TextSink sink) throws ProviderException {
        calls.add(new Seen(call, key.alias(), true));
        duringCall.run();
        Script script = next();
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < script.chunks().size(); i++) {
            if (script.failure() != null && i == script.failAfterChunks()) {
                break;
            }
            String chunk = script.chunks().get(i);
            if (!sink.accept(chunk)) {
                throw new ProviderException(ErrorKind.CANCELLED, 0, null, "client went away", sent.toString(),
                        script.partialUsage(), null, null);
            }
            sent.append(chunk);
        }
        if (script.failure() != null) {
            throw new ProviderException(script.failure(), script.failAfterChunks() == 0 ? 503 : 200,
                    Duration.ofSeconds(7), "scripted " + script.failure().label(), sent.toString(),
                    script.partialUsage(), null, null);
        }
        return new ProviderReply(sent.toString(), script.usage(), "stop", RateLimitSnapshot.NONE);
    }

    private Script next() {
        Script script = scripts.poll();
        if (script == null) {
            script = fallback;
        }
        if (script == null) {
            throw new IllegalStateException("no script left for " + name);
        }
        return script;
    }
}
