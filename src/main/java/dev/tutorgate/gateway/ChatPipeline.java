package dev.tutorgate.gateway;

import dev.tutorgate.budget.BudgetGuard;
import dev.tutorgate.budget.DegradationPlan;
import dev.tutorgate.config.TutorgateConfig;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.course.CourseContext;
import dev.tutorgate.ledger.Ledger;
import dev.tutorgate.limits.StudentRateLimiter;
import dev.tutorgate.provider.CallTimeouts;
import dev.tutorgate.provider.ChatProvider;
import dev.tutorgate.pricing.CostCalculator;
import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.scaling.TierMonitor;
import dev.tutorgate.tutor.ContextRules;
import dev.tutorgate.tutor.ConversationStore;
import dev.tutorgate.tutor.PromptAssembler;
import dev.tutorgate.tutor.PromptPrefix;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled chat pipeline: the {@link ChatService} and what was found at start-up. Built from
 * the configuration and the parts with {@link #builder}; the chain is
 * validate → rate limit → route → context → budget → settle → dispatch.
 */
public final class ChatPipeline {
    private static final Logger log = LoggerFactory.getLogger(ChatPipeline.class);

    private final ChatService service;
    private final StartupReport report;

    private ChatPipeline(ChatService service, StartupReport report) {
        this.service = service;
        this.report = report;
    }

    public ChatService service() {
        return service;
    }

    public StartupReport report() {
        return report;
    }

    public static Builder builder(TutorgateConfig config) {
        return new Builder(config);
    }

    /**
     * What a {@link Dispatcher} is built from.
     *
     * @param models  the models that can answer, by name (the offline answerer included)
     * @param counter the token counter that sized the prompt
     * @param pricing the dated prices
     * @param rules   the margins of token estimates
     */
    public record DispatchParts(AttemptRunner runner, ProviderKeys keys, TutorgateConfig config, Clock clock,
                                Map<String, Candidate> models, TokenCounter counter, CostCalculator pricing,
                                ContextRules rules) {
        public DispatchParts {
            models = Map.copyOf(models);
        }
    }

    /** Builds the dispatcher; the resilience work passes its own. */
    @FunctionalInterface
    public interface DispatcherFactory {
        Dispatcher create(DispatchParts parts);
    }

    public static final class Builder {
        private final TutorgateConfig config;
        private Clock clock = Clock.systemUTC();
        private CourseContext course;
        private ConversationStore conversations;
        private Ledger ledger;
        private CostCalculator pricing;
        private StudentRateLimiter rateLimiter;
        private BudgetGuard budgetGuard;
        private ModelRouter router;
        private Map<String, ChatProvider> providers = Map.of();
        private DispatcherFactory dispatcherFactory = parts -> new SingleAttemptDispatcher(parts.runner(), parts.keys());
        private TierMonitor tierMonitor = TierMonitor.NONE;

        private Builder(TutorgateConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The loaded course: its prompt prefix, token counter, offline answerer and citation detector. */
        public Builder course(CourseContext course) {
            this.course = course;
            return this;
        }

        public Builder conversations(ConversationStore conversations) {
            this.conversations = conversations;
            return this;
        }

        public Builder ledger(Ledger ledger) {
            this.ledger = ledger;
            return this;
        }

        public Builder pricing(CostCalculator pricing) {
            this.pricing = pricing;
            return this;
        }

        public Builder rateLimiter(StudentRateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        public Builder budgetGuard(BudgetGuard budgetGuard) {
            this.budgetGuard = budgetGuard;
            return this;
        }

        /** Classifies questions and orders the candidates (routed model, fallbacks, offline). */
        public Builder router(ModelRouter router) {
            this.router = router;
            return this;
        }

        /** The provider clients, by configured provider name. */
        public Builder providers(Map<String, ChatProvider> providers) {
            this.providers = Map.copyOf(providers);
            return this;
        }

        /** Told about every provider reply and error (rate-limit headers, 429s); none = {@link TierMonitor#NONE}. */
        public Builder tierMonitor(TierMonitor monitor) {
            this.tierMonitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        public Builder dispatcher(DispatcherFactory factory) {
            this.dispatcherFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        public ChatPipeline build() {
            Objects.requireNonNull(course, "course");
            Objects.requireNonNull(conversations, "conversations");
            Objects.requireNonNull(ledger, "ledger");
            Objects.requireNonNull(pricing, "pricing");
            Objects.requireNonNull(rateLimiter, "rateLimiter");
            Objects.requireNonNull(budgetGuard, "budgetGuard");
            Objects.requireNonNull(router, "router");

            TokenCounter counter = course.tokens();
            String prefixText = course.prompt().text();
            PromptPrefix prefix = new PromptPrefix(prefixText, course.prompt().tokens(), PromptPrefix.cacheKeyOf(prefixText));
            ContextRules rules = ContextRules.forCourse(config.course());
            PromptAssembler assembler = new PromptAssembler(prefix, config.course().maxOutputTokens(),
                    timeouts(config.timeouts()), counter, rules);
            ProviderKeys keys = ProviderKeys.fromConfig(config);
            AttemptRunner runner = new AttemptRunner(providers, course.offline(), clock, tierMonitor);
            UsableModels models = UsableModels.check(config, assembler, keys, runner);
            StartupReport report = new StartupReport(course.course().source(), course.course().lessons().size(),
                    course.course().totalTokens(), prefix.tokens(), List.copyOf(models.usable().keySet()),
                    models.problems());
            report.unusableModels().forEach(problem -> log.warn("{}", problem));

            AttemptCosting costing = new AttemptCosting(pricing, counter);
            Refusals refusals = new Refusals(ledger);
            Set<String> known = new HashSet<>();
            config.models().forEach(m -> known.add(m.name()));
            known.add(Candidate.OFFLINE_NAME);
            Dispatcher dispatcher = dispatcherFactory.create(new DispatchParts(runner, keys, config, clock,
                    models.usable(), counter, pricing, rules));
            List<ChatStep> steps = List.of(
                    new ValidateStep(config.chat().maxMessageChars(), known, conversations),
                    new RateLimitStep(rateLimiter, refusals),
                    new RouteStep(router, models.usable(), models.reasons(), refusals),
                    new ContextStep(conversations, assembler, refusals),
                    new BudgetStep(budgetGuard, DegradationPlan.of(config.budget().degrade()), pricing, costing, refusals),
                    new SettleStep(costing, ledger, conversations, course.citations(), counter),
                    new DispatchStep(dispatcher));
            return new ChatPipeline(new PipelineChatService(steps, clock), report);
        }

        private static CallTimeouts timeouts(TutorgateConfig.Timeouts t) {
            return new CallTimeouts(Duration.ofMillis(t.connectMs()), Duration.ofMillis(t.firstTokenMs()),
                    Duration.ofMillis(t.idleMs()), Duration.ofMillis(t.totalMs()));
        }
    }
}
