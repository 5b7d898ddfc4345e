package dev.tutorgate.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.core.ErrorCode;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {
    private static final Locale RU = Messages.RUSSIAN;
    private static final Locale EN = Messages.ENGLISH;

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasASentenceInBothLanguages(ErrorCode code) {
        for (Long retry : new Long[] {null, 30L}) {
            String en = Messages.error(code, retry, 4000, EN);
            String ru = Messages.error(code, retry, 4000, RU);
            assertThat(en).isNotBlank().doesNotContain("{").endsWith(".").matches("[^а-яА-Я]+");
            assertThat(ru).isNotBlank().doesNotContain("{").endsWith(".").containsPattern("[а-яА-Я]");
        }
    }

    @Test
    void theBriefsSentences() {
        assertThat(Messages.error(ErrorCode.RATE_LIMITED, 42L, 0, EN)).isEqualTo("Too many requests — try again in 42 seconds.");
        assertThat(Messages.error(ErrorCode.RATE_LIMITED, 42L, 0, RU)).isEqualTo("Слишком много запросов — попробуйте через 42 секунды.");
        assertThat(Messages.error(ErrorCode.RATE_LIMITED, null, 0, EN)).isEqualTo("Too many requests — try again in a minute.");
        assertThat(Messages.error(ErrorCode.BUDGET_EXCEEDED, 3 * 3600L, 0, EN))
                .isEqualTo("The tutor's budget for today is used up. It will be back in 3 hours.");
        assertThat(Messages.error(ErrorCode.BUDGET_EXCEEDED, 3600L * 21, 0, RU))
                .isEqualTo("Бюджет тьютора на сегодня исчерпан. Он снова заработает через 21 час.");
        assertThat(Messages.error(ErrorCode.INTERNAL, null, 0, EN)).isEqualTo("Something went wrong on our side; we are on it.");
        assertThat(Messages.error(ErrorCode.MESSAGE_TOO_LONG, null, 4001, RU))
                .isEqualTo("Вопрос слишком длинный. Максимальная длина — 4001 символ.");
    }

    @ParameterizedTest
    @CsvSource({
            "1, 1 second, 1 секунду",
            "2, 2 seconds, 2 секунды",
            "5, 5 seconds, 5 секунд",
            "11, 11 seconds, 11 секунд",
            "21, 21 seconds, 21 секунду",
            "89, 89 seconds, 89 секунд",
            "90, 2 minutes, 2 минуты",
            "3600, 60 minutes, 60 минут",
            "5400, 2 hours, 2 часа",
            "18000, 5 hours, 5 часов",
            "0, 1 second, 1 секунду",
    })
    void durationsRoundUpAndAgreeInNumber(long seconds, String english, String russian) {
        assertThat(Messages.duration(seconds, EN)).isEqualTo(english);
        assertThat(Messages.duration(seconds, RU)).isEqualTo(russian);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ru-RU,ru;q=0.9,en;q=0.8 | ru",
            "en-US,en;q=0.9 | en",
            "de-DE, ru;q=0.5 | ru",
            "ru;q=0.1, en;q=0.9 | en",
            "de, fr | en",
            "ru;q=0, en;q=0.1 | en",
            "*;q=0.5 | en",
            "!!not a header;; | en",
    })
    void theLanguageFollowsAcceptLanguage(String header, String expected) {
        assertThat(new Languages("en").choose(header).getLanguage()).isEqualTo(expected);
    }

    @Test
    void withoutAHeaderTheConfiguredLanguageIsUsed() {
        assertThat(new Languages("ru").choose(null)).isEqualTo(RU);
        assertThat(new Languages("ru").choose("fr")).isEqualTo(RU);
        assertThat(new Languages("xx").choose(null)).isEqualTo(EN);
    }
}
