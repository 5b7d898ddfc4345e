package dev.tutorgate.provider.emulator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: plain Jetty with one handler and virtual threads. Plain Jetty rather than
 * Javalin because the emulator is the upstream of overhead benchmarks and must not be their
 * bottleneck; a Jetty handler served about twice the requests per second of the same Javalin
 * route on this machine (docs/readme/emulator.md, "Throughput").
 */
final class EmulatorServer {
    /** Longer than any realistic pause between two events, so only hangs and cuts end a stream early. */
    private static final long IDLE_TIMEOUT_MS = 600_000;

    private final Server server;
    private final ServerConnector connector;

    EmulatorServer(Emulator emulator, int port) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("emulator");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        server.setStopTimeout(0);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Routes(emulator));
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the emulator cannot listen on 127.0.0.1:" + connector.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the emulator did not stop cleanly", e);
        }
    }

    /** Dispatches by method and path: the three protocols, the model listings, the control API. */
    private static final class Routes extends AbstractHandler {
        private static final String GEMINI_MODELS = "/v1beta/models";
        private final CallHandler gemini;
        private final CallHandler openai;
        private final CallHandler anthropic;
        private final ModelListings listings;
        private final ControlApi control;

        Routes(Emulator emulator) {
            GeminiDialect geminiDialect = new GeminiDialect();
            OpenAiDialect openaiDialect = new OpenAiDialect();
            AnthropicDialect anthropicDialect = new AnthropicDialect(emulator.clock());
            gemini = new CallHandler(emulator, geminiDialect);
            openai = new CallHandler(emulator, openaiDialect);
            anthropic = new CallHandler(emulator, anthropicDialect);
            listings = new ModelListings(emulator, geminiDialect, openaiDialect, anthropicDialect);
            control = new ControlApi(emulator);
        }

        @Override
        public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse res) throws IOException {
            base.setHandled(true);
            String path = target.length() > 1 && target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
            String method = req.getMethod();
            try {
                if (!route(method, path, base, req, res)) {
                    new Exchange(base, req, res, path, null).sendJson(404, "{\"error\":{\"code\":\"not_found\",\"message\":"
                            + Json.quote("No route " + method + " " + path) + "}}");
                }
            } catch (RuntimeException e) {
                if (!res.isCommitted()) {
                    res.reset();
                    new Exchange(base, req, res, path, null).sendJson(500, "{\"error\":{\"code\":\"internal\","
                            + "\"message\":" + Json.quote("The emulator failed: " + e) + "}}");
                }
            }
        }

        private boolean route(String method, String path, Request base, HttpServletRequest req, HttpServletResponse res)
                throws IOException {
            boolean post = method.equals("POST");
            boolean get = method.equals("GET");
            if (path.equals("/v1/chat/completions") && post) {
                openai.handle(new Exchange(base, req, res, path, null));
            } else if (path.equals("/v1/messages") && post) {
                anthropic.handle(new Exchange(base, req, res, path, null));
            } else if (path.startsWith(GEMINI_MODELS + "/") && path.indexOf('/', GEMINI_MODELS.length() + 1) < 0
                    && (post || get)) {
                Exchange ex = new Exchange(base, req, res, path, path.substring(GEMINI_MODELS.length() + 1));
                if (post) {
                    gemini.handle(ex);
                } else {
                    listings.geminiModel(ex);
                }
            } else if (path.equals(GEMINI_MODELS) && get) {
                listings.geminiList(new Exchange(base, req, res, path, null));
            } else if (path.equals("/v1/models") && get) {
                listings.openaiOrAnthropicList(new Exchange(base, req, res, path, null));
            } else if (path.equals(ControlApi.ROOT) || path.startsWith(ControlApi.ROOT + "/")) {
                return control.handle(new Exchange(base, req, res, path, null));
            } else {
                return false;
            }
            return true;
        }
    }
}
