package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigDump;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.LoadedConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tutorgate config show|check}: the effective configuration, secrets redacted. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show or check the effective configuration (defaults + file + environment).",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as YAML; API keys, tokens and passwords are shown as ***.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
        Path config;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LoadedConfig loaded = ConfigLoader.load(config);
            var out = spec.commandLine().getOut();
            out.println("# source: " + loaded.source());
            loaded.warnings().forEach(w -> out.println("# warning: " + w));
            out.print(ConfigDump.redactedYaml(loaded.config()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate the configuration; exit code 0 if it is usable, 3 with the problems if not.")
    static final class Check implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
        Path config;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LoadedConfig loaded = ConfigLoader.load(config);
            var out = spec.commandLine().getOut();
            loaded.warnings().forEach(w -> out.println("warning: " + w));
            out.println("configuration OK (" + loaded.source() + ")");
            out.flush();
            return ExitCodes.OK;
        }
    }
}
