package dev.tutorgate.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/**
 * Jackson factories whose buffers are shared across threads. Jackson's default keeps its buffers in a
 * thread-local, which suits a pool of platform threads; every request here runs on a new virtual
 * thread, so that default allocated fresh buffers (tens of KB) for every JSON read and write.
 */
public final class JsonFactories {
    private JsonFactories() {
    }

    /** A builder with the shared buffer pool set; add features, then {@code build()}. */
    public static JsonFactoryBuilder builder() {
        return new JsonFactoryBuilder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
    }

    /** A plain JSON factory with the shared buffer pool. */
    public static JsonFactory plain() {
        return builder().build();
    }
}
