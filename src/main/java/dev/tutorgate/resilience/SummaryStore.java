package dev.tutorgate.resilience;

/**
 * Where a conversation's summary of its oldest turns is kept ({@code conversations.summary}), with
 * how many turns it covers. Thread-safe.
 */
public interface SummaryStore {
    /** How many of the conversation's oldest turns its summary covers; 0 when it has none. */
    int coveredTurns(String conversationId);

    /** Replaces the conversation's summary; it now covers its {@code coveredTurns} oldest turns. */
    void save(String conversationId, String summary, int coveredTurns);
}
