package dev.tutorgate.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import dev.tutorgate.core.TokenCounter;
import dev.tutorgate.course.JTokkitTokenCounter;
import dev.tutorgate.provider.CallTimeouts;
import dev.tutorgate.provider.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptAssemblerTest {
    static final TokenCounter COUNTER = JTokkitTokenCounter.o200k();
    static final ContextRules NO_MARGIN = new ContextRules(0.0, 4, 8);
    static final CallTimeouts TIMEOUTS = new CallTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(4));

    final PromptPrefix prefix = PromptPrefix.of("You are a tutor. " + "course ".repeat(96), COUNTER);

    PromptAssembler assembler(ContextRules rules) {
        return new PromptAssembler(prefix, 50, TIMEOUTS, COUNTER, rules);
    }

    /** {@code n} turns; turn i asks "question i x" (3 words) and gets a 5-word answer. */
    static List<StoredMessage> history(int n) {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            messages.add(stored(Role.USER, "question " + i + " x"));
            messages.add(stored(Role.ASSISTANT, "answer " + i + " a b c"));
        }
        return messages;
    }

    /** Estimated tokens of one message: its content and the role overhead. */
    static long message(String content) {
        return COUNTER.count(content) + 4;
    }

    /** Estimated tokens of turn {@code i} of {@link #history}. */
    static long turn(int i) {
        return message("question " + i + " x") + message("answer " + i + " a b c");
    }

    static StoredMessage stored(Role role, String content) {
        return new StoredMessage(role, content, COUNTER.count(content), "r", null, List.of(), Instant.EPOCH);
    }

    @Test
    void longContextLayoutPrefixAsSystemPromptThenHistoryThenQuestion() {
        ModelLimits big = new ModelLimits("big", "big-upstream-v1", 1_000_000, 8_000);
        PreparedCall prepared = assembler(ContextRules.DEFAULTS).prepare("What is REST?", null, history(2))
                .callFor(big).orElseThrow();
        ModelCall call = prepared.call();

        assertThat(call.model()).isEqualTo("big-upstream-v1");
        assertThat(call.systemPrompt()).isSameAs(prefix.text());
        assertThat(call.cacheKey()).isEqualTo(prefix.cacheKey());
        assertThat(call.timeouts()).isEqualTo(TIMEOUTS);
        assertThat(call.messages()).extracting(ChatMessage::content).containsExactly(
                "question 1 x", "answer 1 a b c", "question 2 x", "answer 2 a b c", "What is REST?");
        assertThat(call.messages().getLast().role()).isEqualTo(Role.USER);
        assertThat(prepared.droppedTurns()).isZero();
        // prefix + 4 history messages + the question, each message with its overhead
        long expected = prefix.tokens() + turn(1) + turn(2) + message("What is REST?");
        assertThat(prepared.estimatedInputTokens()).isEqualTo(expected);
        assertThat(prepared.worstCaseInputTokens()).isEqualTo((long) Math.ceil(expected * 1.10));
    }

    @Test
    void outputCapIsTheCourseCapLoweredToTheModelsOwn() {
        RequestPrompt prompt = assembler(NO_MARGIN).prepare("hi", null, List.of());
        assertThat(prompt.callFor(new ModelLimits("roomy", "roomy", 10_000, 8_000)).orElseThrow().call()
                .maxOutputTokens()).isEqualTo(50);
        assertThat(prompt.callFor(new ModelLimits("terse", "terse", 10_000, 20)).orElseThrow().call()
                .maxOutputTokens()).isEqualTo(20);
    }

    @Test
    void theSamePrefixBytesAndCacheKeyGoOutOnEveryCall() {
        PromptAssembler assembler = assembler(NO_MARGIN);
        ModelLimits model = new ModelLimits("m", "m", 10_000, 100);
        ModelCall first = assembler.prepare("one", null, List.of()).callFor(model).orElseThrow().call();
        ModelCall second = assembler.prepare("two", null, history(3)).callFor(model).orElseThrow().call();
        assertThat(second.systemPrompt()).isEqualTo(first.systemPrompt());
        assertThat(second.cacheKey()).isEqualTo(first.cacheKey()).startsWith("course-");
        assertThat(PromptPrefix.cacheKeyOf(prefix.text() + " lesson 16")).isNotEqualTo(first.cacheKey());
    }

    @Test
    void aSmallWindowDropsTheOldestWholeTurnsAndNeverCutsTheCourse() {
        // Room for the last two turns and a little more, not three.
        long window = prefix.tokens() + message("why x y") + 50 + turn(4) + turn(5) + 5;
        ModelLimits small = new ModelLimits("small", "small", window, 1_000);

        PreparedCall prepared = assembler(NO_MARGIN).prepare("why x y", null, history(5)).callFor(small).orElseThrow();

        assertThat(prepared.call().systemPrompt()).isEqualTo(prefix.text());
        assertThat(prepared.call().messages()).extracting(ChatMessage::content).containsExactly(
                "question 4 x", "answer 4 a b c", "question 5 x", "answer 5 a b c", "why x y");
        assertThat(prepared.droppedTurns()).isEqualTo(3);
        assertThat(prepared.estimatedInputTokens() + 50).isLessThanOrEqualTo(window);
    }

    @Test
    void turnsAreNeverSplitEvenWhenHalfATurnWouldFit() {
        // One token short of a whole turn: the question of turn 5 alone would fit, but not with its answer.
        long window = prefix.tokens() + message("why x y") + 50 + turn(5) - 1;
        PreparedCall prepared = assembler(NO_MARGIN).prepare("why x y", null, history(5))
                .callFor(new ModelLimits("s", "s", window, 1_000)).orElseThrow();
        assertThat(prepared.call().messages()).extracting(ChatMessage::content).containsExactly("why x y");
        assertThat(prepared.droppedTurns()).isEqualTo(5);
    }

    @Test
    void theStoredSummaryStaysFirstAheadOfTheNewestTurns() {
        String summary = "we covered pip and venv";
        long summaryTokens = message(PromptAssembler.SUMMARY_INTRO + summary);
        long window = prefix.tokens() + message("why x y") + 50 + summaryTokens + turn(3);
        PreparedCall prepared = assembler(NO_MARGIN).prepare("why x y", summary, history(3))
                .callFor(new ModelLimits("s", "s", window, 1_000)).orElseThrow();

        List<ChatMessage> messages = prepared.call().messages();
        assertThat(messages.getFirst()).isEqualTo(ChatMessage.user(PromptAssembler.SUMMARY_INTRO + summary));
        assertThat(messages.subList(1, messages.size())).extracting(ChatMessage::content)
                .containsExactly("question 3 x", "answer 3 a b c", "why x y");
        assertThat(prepared.summaryKept()).isTrue();
        assertThat(prepared.droppedTurns()).isEqualTo(2);
    }

    @Test
    void aQuestionThatCannotFitBesideTheCourseGivesNoCall() {
        long longQuestion = message("one two three four five six seven");
        ModelLimits small = new ModelLimits("s", "s", prefix.tokens() + 50 + longQuestion - 1, 1_000);
        RequestPrompt prompt = assembler(NO_MARGIN).prepare("one two three four five six seven", null, List.of());
        assertThat(prompt.callFor(small)).isEmpty();
        assertThat(assembler(NO_MARGIN).prepare("one", null, List.of()).callFor(small)).isPresent();
    }

    @Test
    void messagesWithoutStoredCountsAreCounted() {
        List<StoredMessage> uncounted = List.of(
                new StoredMessage(Role.USER, "a b c", -1, "r", null, List.of(), Instant.EPOCH),
                new StoredMessage(Role.ASSISTANT, "d e", -1, "r", "m", List.of(), Instant.EPOCH));
        PreparedCall prepared = assembler(NO_MARGIN).prepare("q", null, uncounted)
                .callFor(new ModelLimits("m", "m", 100_000, 100)).orElseThrow();
        assertThat(prepared.estimatedInputTokens()).isEqualTo(prefix.tokens() + message("a b c") + message("d e") + message("q"));
    }
}
