package dev.tutorgate.tutor;

import dev.tutorgate.core.ChatMessage;
import dev.tutorgate.core.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Fits a conversation's history into the room a model's context window leaves after the course,
 * the question and the output cap. The stored summary (if any) stays first; then whole turns
 * (a question with its answer) are kept newest first, and the oldest are dropped.
 */
public final class HistoryTrimmer {

    /** One question and the answers that followed it, with their estimated tokens (overhead included). */
    public record Turn(List<ChatMessage> messages, long tokens) {
        public Turn {
            messages = List.copyOf(messages);
        }
    }

    /**
     * @param messages     what goes into the prompt before the question, oldest first
     * @param tokens       their estimated tokens
     * @param droppedTurns whole turns left out
     * @param summaryKept  whether the stored summary is in {@code messages}
     */
    public record Trimmed(List<ChatMessage> messages, long tokens, int droppedTurns, boolean summaryKept) {
        public Trimmed {
            messages = List.copyOf(messages);
        }
    }

    private HistoryTrimmer() {
    }

    /**
     * @param room          estimated tokens available for history
     * @param summary       the summary message, or null
     * @param summaryTokens its estimated tokens
     * @param turns         the conversation's turns, oldest first
     */
    public static Trimmed trim(long room, ChatMessage summary, long summaryTokens, List<Turn> turns) {
        long left = room;
        boolean summaryKept = false;
        if (summary != null && summaryTokens <= left) {
            summaryKept = true;
            left -= summaryTokens;
        }
        List<Turn> kept = new ArrayList<>();
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.tokens() > left) {
                break; // keep the history contiguous: never skip a turn to squeeze an older one in
            }
            kept.add(turn);
            left -= turn.tokens();
        }
        Collections.reverse(kept);
        List<ChatMessage> messages = new ArrayList<>();
        if (summaryKept) {
            messages.add(summary);
        }
        kept.forEach(turn -> messages.addAll(turn.messages()));
        return new Trimmed(messages, room - left, turns.size() - kept.size(), summaryKept);
    }

    /**
     * Groups stored messages into turns: a question starts a turn, the answers after it belong to it.
     * {@code tokensOf} gives each message's estimated tokens, overhead included.
     */
    public static List<Turn> turns(List<StoredMessage> history, java.util.function.ToLongFunction<StoredMessage> tokensOf) {
        List<Turn> turns = new ArrayList<>();
        List<ChatMessage> current = new ArrayList<>();
        long tokens = 0;
        for (StoredMessage message : history) {
            if (message.role() == Role.USER && !current.isEmpty()) {
                turns.add(new Turn(current, tokens));
                current = new ArrayList<>();
                tokens = 0;
            }
            current.add(message.asChatMessage());
            tokens += tokensOf.applyAsLong(message);
        }
        if (!current.isEmpty()) {
            turns.add(new Turn(current, tokens));
        }
        return turns;
    }
}
