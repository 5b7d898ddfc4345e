package dev.tutorgate.course;

import dev.tutorgate.config.ModelCatalog;
import dev.tutorgate.config.TutorgateConfig;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Whether a model can hold the whole course: the prompt prefix, room for the conversation history
 * and the question ({@code course.historyReserveTokens}), and the answer's output cap, all inside its
 * context window. Checked at start-up so that a model too small for the course is reported once,
 * not discovered by every student request. Token figures are o200k_base estimates.
 *
 * @param model         the model's name
 * @param contextWindow its context window; empty when neither the configuration nor the catalog knows it
 * @param prefixTokens  the course prompt prefix
 * @param outputTokens  the output cap: {@code course.maxOutputTokens}, or the model's own cap if smaller
 * @param neededTokens  prefix + history reserve + output cap
 */
public record ContextFit(String model, OptionalLong contextWindow, int prefixTokens, int outputTokens, long neededTokens) {

    public static ContextFit of(TutorgateConfig.Model model, CoursePrompt prompt, TutorgateConfig.Course settings) {
        int output = ModelCatalog.maxOutputTokens(model)
                .map(cap -> Math.min(cap, settings.maxOutputTokens()))
                .orElse(settings.maxOutputTokens());
        long needed = (long) prompt.tokens() + settings.historyReserveTokens() + output;
        OptionalLong window = ModelCatalog.contextWindow(model).map(OptionalLong::of).orElse(OptionalLong.empty());
        return new ContextFit(model.name(), window, prompt.tokens(), output, needed);
    }

    /** True when the window is known and holds the course with the reserve and the output cap. */
    public boolean fits() {
        return contextWindow.isPresent() && contextWindow.getAsLong() >= neededTokens;
    }

    /** Tokens left for history and the question once the course and the output cap are in; 0 if none. */
    public long historyRoom() {
        return contextWindow.isPresent() ? Math.max(0, contextWindow.getAsLong() - prefixTokens - outputTokens) : 0;
    }

    /**
     * One line for people: "gpt-4o-mini: 128,000 tokens — too small for this course (needs 352,410)".
     */
    public String describe() {
        if (contextWindow.isEmpty()) {
            return model + ": context window unknown — set models[].contextWindow to check it against the course"
                    + " (needs " + number(neededTokens) + ")";
        }
        String window = model + ": " + number(contextWindow.getAsLong()) + " tokens — ";
        if (!fits()) {
            return window + "too small for this course (needs " + number(neededTokens) + ")";
        }
        return window + "holds the course (" + number(prefixTokens) + ") with " + number(historyRoom())
                + " left for history and " + number(outputTokens) + " for the answer";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
