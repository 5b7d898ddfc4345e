package bench;

import dev.tutorgate.routing.ModelRouter;
import dev.tutorgate.routing.RuleBasedClassifier;
import dev.tutorgate.config.TutorgateConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** How long the complexity classifier and the router take per question (bench/classifier/run.sh). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClassifierBench {
    private final RuleBasedClassifier classifier = RuleBasedClassifier.withDefaults();
    private final ModelRouter router = new ModelRouter(new TutorgateConfig.Routing(
            "gemini-2.5-flash", "gpt-4.1-mini", "claude-sonnet-4-5", List.of("gpt-4.1-mini", "offline")), classifier);

    private final String simple = "Что такое FastAPI?";
    private final String medium = "Объясни, как работает event loop в asyncio";
    private final String complex = """
            getting this when i post to my endpoint, no idea why
            Traceback (most recent call last):
              File "/app/main.py", line 24, in create_user
                user = User(**payload)
              File "pydantic/main.py", line 341, in __init__
            pydantic.error_wrappers.ValidationError: 1 validation error for User
            age
              value is not a valid integer (type=type_error.integer)

            my model:
            class User(BaseModel):
                name: str
                age: int

            and I send {"name": "bob", "age": "twenty"} from the frontend form. how do I fix it so the form works?""";
    /** chat.maxMessageChars is 4000 by default: the longest question the gateway accepts. */
    private final String longest = (complex + "\n").repeat(8).substring(0, 4000);

    @Benchmark
    public Object simpleQuestion() {
        return classifier.classify(simple);
    }

    @Benchmark
    public Object mediumQuestion() {
        return classifier.classify(medium);
    }

    @Benchmark
    public Object complexQuestionWithTraceback() {
        return classifier.classify(complex);
    }

    @Benchmark
    public Object longestAcceptedQuestion() {
        return classifier.classify(longest);
    }

    @Benchmark
    public Object routeMediumQuestion() {
        return router.route(medium);
    }
}
