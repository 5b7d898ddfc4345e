package dev.tutorgate.cli;

import dev.tutorgate.app.Core;
import dev.tutorgate.app.CoreAssembly;
import dev.tutorgate.app.TutorgateServer;
import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.course.CourseException;
import dev.tutorgate.storage.StorageException;
import dev.tutorgate.config.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tutorgate serve}: loads and checks the configuration, opens the database, loads the
 * course, builds the chat pipeline, starts the web server and prints where to find it. Runs until
 * SIGTERM / Ctrl+C, then finishes the answers in flight and closes the database.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the tutor server (student chat page, API, admin).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: the embedded defaults)")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on, overriding server.port (0 = any free port)")
    Integer port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put("TUTORGATE_SERVER_PORT", Integer.toString(port));
        }
        LoadedConfig loaded = ConfigLoader.load(config, env);
        Core core;
        try {
            core = CoreAssembly.open(loaded.config(), Clock.systemUTC());
        } catch (StorageException e) {
            throw new ConfigException("storage.ledger: " + e.getMessage());
        } catch (CourseException e) {
            throw new ConfigException("course.path: " + e.getMessage());
        }
        TutorgateServer server = TutorgateServer.start(loaded, core, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        server.banner().forEach(out::println);
        out.println("Press Ctrl+C to stop.");
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close(); // finishes answers in flight, then closes the database
            stopped.countDown();
        }, "tutorgate-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
