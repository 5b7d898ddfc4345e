package dev.tutorgate.cli;

import dev.tutorgate.config.ConfigException;
import dev.tutorgate.config.ConfigLoader;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.storage.Database;
import dev.tutorgate.storage.StorageException;
import dev.tutorgate.web.auth.IssuedToken;
import dev.tutorgate.web.auth.JdbcStudents;
import dev.tutorgate.web.auth.StudentAccount;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tutorgate students add NAME | list}: student access tokens in the configured database. */
@Command(name = "students", mixinStandardHelpOptions = true,
        description = "Issue and list student access tokens (the same database as serve).",
        subcommands = {StudentsCommand.Add.class, StudentsCommand.ListStudents.class})
public final class StudentsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Database open(Path config) {
        TutorgateConfig c = ConfigLoader.load(config).config();
        try {
            return Database.open(c.storage().ledger());
        } catch (StorageException e) {
            throw new ConfigException("storage.ledger: " + e.getMessage());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a student and print their access token (shown only this once).")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "the student's name")
        String name;

        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IssuedToken issued;
            try (Database db = open(config)) {
                issued = new JdbcStudents(db, Clock.systemUTC()).add(name);
            } catch (IllegalArgumentException badName) {
                throw new UserError(badName.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("Student " + issued.student().name() + " (" + issued.student().id() + ")");
            out.println("Token (shown once): " + issued.token());
            out.println("Chat URL: <server>/?token=" + issued.token());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List students: id, name, created (never tokens).")
    static final class ListStudents implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
        Path config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<StudentAccount> students;
            try (Database db = open(config)) {
                students = new JdbcStudents(db, Clock.systemUTC()).list();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-16s %-30s %-24s%n", "ID", "NAME", "CREATED");
            for (StudentAccount s : students) {
                out.printf("%-16s %-30s %-24s%s%n", s.id(), s.name(), s.createdAt(), s.disabled() ? " (disabled)" : "");
            }
            out.println(students.size() + " student" + (students.size() == 1 ? "" : "s"));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
