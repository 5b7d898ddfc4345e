package dev.tutorgate.course;

import java.util.List;
import java.util.stream.Collectors;

/** The fixed sentences of an offline answer, in English and Russian, and how passages are laid out. */
final class OfflineTexts {
    private OfflineTexts() {
    }

    static String disclaimer(AnswerLanguage language) {
        return switch (language) {
            case ENGLISH -> "*This is an excerpt from the course, not a generated answer: "
                    + "below are the passages of the course that match your question best.*";
            case RUSSIAN -> "*Это выдержка из курса, а не сгенерированный ответ: "
                    + "ниже фрагменты уроков, которые лучше всего подходят к вашему вопросу.*";
        };
    }

    static String notCovered(AnswerLanguage language) {
        return switch (language) {
            case ENGLISH -> "The course does not seem to cover this: no lesson matches your question. "
                    + "Try asking with other words, for example the name of the tool or idea you mean, "
                    + "or ask your instructor. *(This is the course search, not a generated answer.)*";
            case RUSSIAN -> "Похоже, в курсе нет ответа на этот вопрос: ни один урок ему не соответствует. "
                    + "Попробуйте спросить другими словами, например назвать инструмент или понятие, "
                    + "о котором идёт речь, или обратитесь к преподавателю. "
                    + "*(Это поиск по курсу, а не сгенерированный ответ.)*";
        };
    }

    static String passageHeader(AnswerLanguage language, Passage passage) {
        String lesson = switch (language) {
            case ENGLISH -> "From the lesson “" + passage.lesson().title() + "”";
            case RUSSIAN -> "Из урока «" + passage.lesson().title() + "»";
        };
        return passage.heading().isEmpty() ? "#### " + lesson : "#### " + lesson + " — " + passage.heading();
    }

    static String sourcesLine(AnswerLanguage language, List<String> titles) {
        String label = language == AnswerLanguage.RUSSIAN ? "Источники: " : "Sources: ";
        return label + titles.stream().map(t -> "[Lesson: " + t + "]").collect(Collectors.joining(", "));
    }
}
