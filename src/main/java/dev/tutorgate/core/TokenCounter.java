package dev.tutorgate.core;

/** Counts tokens locally (an estimate of what a provider would count). */
public interface TokenCounter {
    int count(String text);
}
