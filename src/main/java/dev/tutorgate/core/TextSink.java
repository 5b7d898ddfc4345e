package dev.tutorgate.core;

/**
 * Receives an answer's text as it streams.
 *
 * <p>Returns {@code false} when nobody wants more (the student's connection closed): the caller
 * then stops reading from the provider, which stops the bill from growing.
 */
@FunctionalInterface
public interface TextSink {
    boolean accept(String textDelta);

    TextSink DISCARD = delta -> true;
}
