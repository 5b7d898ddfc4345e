package dev.tutorgate.gateway;

import dev.tutorgate.core.TextSink;
import dev.tutorgate.provider.ApiKey;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.provider.ModelCall;
import dev.tutorgate.provider.ProviderException;
import dev.tutorgate.provider.ProviderReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real provider client (HTTP to the emulator) that also keeps the {@link ModelCall}s it was
 * given, so tests can read the prompt the pipeline built, and runs a hook while a call is open.
 */
final class RecordingProvider implements ChatProvider {
    record Seen(ModelCall call, String keyAlias, boolean streamed) {
    }

    private final ChatProvider client;
    final List<Seen> calls = new CopyOnWriteArrayList<>();
    /** Runs inside every call, before it goes out: lets a test look at the world while a call is open. */
    volatile Runnable duringCall = () -> { };

    RecordingProvider(ChatProvider client) {
        this.client = client;
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public ProviderReply complete(ModelCall call, ApiKey key) throws ProviderException {
        calls.add(new Seen(call, key.alias(), false));
        duringCall.run();
        return client.complete(call, key);
    }

    @Override
    public ProviderReply stream(ModelCall call, ApiKey key, TextSink sink) throws ProviderException {
        calls.add(new Seen(call, key.alias(), true));
        duringCall.run();
        return client.stream(call, key, sink);
    }
}
