package dev.tutorgate.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * stdin, stdout and stderr of the JVM redirected for each test, for running a verb through
 * {@code Main.run} as a user would and reading what it printed:
 * {@code @RegisterExtension final StdStreams io = new StdStreams();}. Restored after the test.
 */
public final class StdStreams implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private InputStream originalIn;
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        originalIn = System.in;
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setIn(originalIn);
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** What the next command reads from stdin. */
    public void input(byte[] bytes) {
        System.setIn(new ByteArrayInputStream(bytes));
    }

    public void input(String text) {
        input(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Everything printed to stdout since the test began (or the last {@link #clear()}). */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public List<String> outLines() {
        return out().lines().toList();
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed so far, between two commands of one test. */
    public void clear() {
        out.reset();
        err.reset();
    }
}
