package dev.tutorgate.course;

/** The language an offline answer is written in: the question's, English unless it is Russian. */
enum AnswerLanguage {
    ENGLISH, RUSSIAN;

    /**
     * Russian when the question has at least two Cyrillic words, or one that makes up a quarter of
     * its letters: "Что такое FastAPI?" and "Почему падает мой код? <code>" are Russian questions,
     * "What does Pydantic's Field(..., gt=0) do" is not.
     */
    static AnswerLanguage of(String question) {
        int cyrillicWords = 0;
        int cyrillicLetters = 0;
        int letters = 0;
        boolean inCyrillicWord = false;
        for (int i = 0; i < question.length(); i++) {
            char c = question.charAt(i);
            boolean cyrillic = Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC && Character.isLetter(c);
            if (Character.isLetter(c)) {
                letters++;
            }
            if (cyrillic) {
                cyrillicLetters++;
                if (!inCyrillicWord) {
                    cyrillicWords++;
                }
            }
            inCyrillicWord = cyrillic;
        }
        boolean russian = cyrillicWords >= 2 || (cyrillicWords == 1 && cyrillicLetters * 4 >= letters);
        return russian ? RUSSIAN : ENGLISH;
    }
}
