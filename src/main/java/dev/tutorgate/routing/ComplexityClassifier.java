package dev.tutorgate.routing;

/** Labels a student's question simple, medium or complex (English and Russian). Thread-safe. */
public interface ComplexityClassifier {
    Classification classify(String question);
}
