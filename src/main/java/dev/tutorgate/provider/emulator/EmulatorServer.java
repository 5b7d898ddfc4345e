package dev.tutorgate.provider.emulator;

import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/** Builds the Javalin server: the provider routes, the model listings and the control API. */
final class EmulatorServer {
    /** Longer than any realistic pause between two events, so only hangs and cuts end a stream early. */
    private static final long IDLE_TIMEOUT_MS = 600_000;

    private EmulatorServer() {
    }

    /** The server, listening on 127.0.0.1:{@code port} (0 = a free port) once started. */
    static Javalin create(Emulator emulator, int port) {
        Javalin app = Javalin.create(config -> {
            config.useVirtualThreads = true;
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.disableCompression();
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setStopTimeout(0));
            config.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost("127.0.0.1");
                connector.setPort(port);
                connector.setIdleTimeout(IDLE_TIMEOUT_MS);
                return connector;
            });
        });
        GeminiDialect gemini = new GeminiDialect();
        OpenAiDialect openai = new OpenAiDialect();
        AnthropicDialect anthropic = new AnthropicDialect(emulator.clock());
        CallHandler geminiCalls = new CallHandler(emulator, gemini);
        CallHandler openaiCalls = new CallHandler(emulator, openai);
        CallHandler anthropicCalls = new CallHandler(emulator, anthropic);

        app.post("/v1beta/models/{target}", geminiCalls::handle);
        app.post("/v1/chat/completions", openaiCalls::handle);
        app.post("/v1/messages", anthropicCalls::handle);

        ModelListings listings = new ModelListings(emulator, gemini, openai, anthropic);
        app.get("/v1beta/models", listings::geminiList);
        app.get("/v1beta/models/{target}", listings::geminiModel);
        app.get("/v1/models", listings::openaiOrAnthropicList);

        new ControlApi(emulator).register(app);
        app.exception(Exception.class, (e, ctx) -> {
            ctx.status(500).contentType("application/json")
                    .result("{\"error\":{\"code\":\"internal\",\"message\":\"The emulator failed: "
                            + e.getClass().getSimpleName() + "\"}}");
        });
        return app;
    }
}
