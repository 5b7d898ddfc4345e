package dev.tutorgate.routing;

import java.util.List;

/**
 * Everything the classifier noticed in one question; the rules decide from this alone.
 *
 * @param code        code, tracebacks and error names
 * @param debugging   debugging words found ("fix", "не работает")
 * @param errorWords  "error", "ошибка"…: looked for only next to code or an error name
 * @param design      design and optimisation words ("architecture", "оптимизируй")
 * @param explanation explanation and comparison words ("why", "сравни")
 * @param definition  definition phrases ("what is", "что такое")
 * @param length      characters of the trimmed question
 * @param questions   question marks that end a sentence
 */
record Signals(
        CodeEvidence code,
        List<String> debugging,
        List<String> errorWords,
        List<String> design,
        List<String> explanation,
        List<String> definition,
        int length,
        int questions) {
}
