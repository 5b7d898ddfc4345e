package dev.tutorgate.app;

import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.course.Course;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.course.Lesson;
import dev.tutorgate.gateway.ChatService;
import dev.tutorgate.gateway.ChatServiceFactory;
import dev.tutorgate.gateway.ChatSystem;
import dev.tutorgate.monitoring.Monitoring;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.pricing.PriceTable;
import dev.tutorgate.provider.ChatProviders;
import dev.tutorgate.storage.Database;
import dev.tutorgate.web.Routes;
import dev.tutorgate.web.admin.MonitoringRoutes;
import dev.tutorgate.web.admin.ProviderStatusRoutes;
import dev.tutorgate.web.admin.TierRoutes;
import dev.tutorgate.web.health.DatabaseWriteProbe;
import dev.tutorgate.web.health.ReadinessCheck;
import dev.tutorgate.web.page.CourseInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Core} from the configuration: opens the database (migrations run), loads and
 * indexes the course, and has the pipeline's factory assemble the chat service from the real
 * parts (ledger, prices, router, rate limiter, budget guard with alerts, provider clients).
 */
public final class CoreAssembly {
    private CoreAssembly() {
    }

    /** Opens everything; on failure closes what was opened and rethrows. */
    public static Core open(TutorgateConfig config, Clock clock) {
        Database db = Database.open(config.storage().ledger());
        try {
            CourseContext course = CourseContext.load(config.course());
            Monitoring monitoring = Monitoring.create(config, db, new CostCalculator(PriceTable.from(config)), clock);
            ChatSystem system = ChatServiceFactory.create(config, db, course, p -> ChatProviders.create(p, clock), clock,
                    monitoring);
            return new AssembledCore(system, db, course.course(), clock, monitoring);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The page's header and hint: the course's name and lessons (the page asks about a few of them). */
    static CourseInfo courseInfo(Course course) {
        return new CourseInfo(courseTitle(course.source()), course.lessons().stream().map(Lesson::title).toList(), List.of());
    }

    /** "bundled sample course (Python web development for beginners)" → the part in brackets; a folder → its name. */
    private static String courseTitle(String source) {
        int open = source.indexOf('(');
        int close = source.lastIndexOf(')');
        if (open >= 0 && close > open) {
            return source.substring(open + 1, close);
        }
        String name = source.replaceAll("[/\\\\]+$", "");
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private static final class AssembledCore implements Core {
        private final ChatSystem system;
        private final Database db;
        private final CourseInfo course;
        private final List<ReadinessCheck> readiness;
        private final List<String> startupLines;
        private final List<Routes> routes;
        private final Monitoring monitoring;

        AssembledCore(ChatSystem system, Database db, Course course, Clock clock, Monitoring monitoring) {
            this.monitoring = monitoring;
            this.system = system;
            this.db = db;
            this.course = courseInfo(course);
            this.readiness = List.of(lessonsLoaded(course), new DatabaseWriteProbe(db, clock));
            List<String> lines = new ArrayList<>(system.report().lines()); // the course, the models that answer, warnings
            lines.add("Ledger: " + db.location());
            this.startupLines = List.copyOf(lines);
            List<Routes> own = new ArrayList<>(List.of(new ProviderStatusRoutes(system.resilience(), system.resilience()),
                    new TierRoutes(system.tiers())));
            own.addAll(MonitoringRoutes.all(monitoring));
            this.routes = List.copyOf(own);
        }

        private static ReadinessCheck lessonsLoaded(Course course) {
            return new ReadinessCheck() {
                @Override
                public String name() {
                    return "course";
                }

                @Override
                public String problem() {
                    return course.lessons().isEmpty() ? "no lessons loaded" : null;
                }
            };
        }

        @Override
        public ChatService chat() {
            return system.chat();
        }

        @Override
        public Database db() {
            return db;
        }

        @Override
        public CourseInfo course() {
            return course;
        }

        @Override
        public List<ReadinessCheck> readiness() {
            return readiness;
        }

        @Override
        public List<String> startupLines() {
            return startupLines;
        }

        @Override
        public List<Routes> routes() {
            return routes;
        }

        @Override
        public Optional<Monitoring> monitoring() {
            return Optional.of(monitoring);
        }

        /** The pipeline's background work and request log first, the database last. */
        @Override
        public void close() {
            try {
                system.close();
            } finally {
                db.close();
            }
        }
    }
}
