package dev.tutorgate.core;

/** Who said a message in a conversation. The system prompt is not a message: see {@link ModelCall}. */
public enum Role {
    USER, ASSISTANT
}
