package dev.tutorgate.routing;

import java.util.List;

/**
 * The built-in English and Russian words the classifier looks for, as regular expressions over
 * {@linkplain KeywordGroup#normalise normalised} text (lower case, ё as е). Russian words are
 * stems followed by {@code \p{L}*} so that every inflection matches ("объясни", "объясните",
 * "объяснить"); words that would also match something innocent are spelt out instead.
 */
final class Vocabulary {
    private static final String ANY_ENDING = "\\p{L}*";

    /** Definitions, facts and one-step how-tos: "what is", "что такое", "как установить". */
    static final List<String> DEFINITION = List.of(
            "what\\s+(?:is|are)", "what'?s\\s+(?:an?|the)",
            "what\\s+does\\s+[^?.!\\n]{1,40}?\\s+(?:mean|stand\\s+for|do)",
            "what\\s+do\\s+[^?.!\\n]{1,40}?\\s+mean",
            "meaning\\s+of", "define", "definition", "stands?\\s+for",
            "how\\s+to",
            "how\\s+(?:do|can)\\s+i\\s+(?:install|create|run|start|print|exit|quit|read|check|activate|deactivate"
                    + "|comment|open|update|upgrade|add|make|see|list|get)",
            "(?:which|what)\\s+(?:command|port|method|file|version)", "default\\s+port",
            "что\\s+такое", "что\\s+(?:это\\s+)?(?:значит|означает)", "что\\s+делает",
            "как\\s+(?:установить|создать|запустить|обновить|узнать|открыть|выйти|посмотреть|вывести|сделать"
                    + "|активировать|деактивировать|удалить|добавить|называется|поставить|проверить)",
            "как(?:ой|ая|ое|ие|ую)\\s+(?:командой|команда|команду|порт|файл|метод|версия|версию)",
            "расшифр" + ANY_ENDING, "определени" + ANY_ENDING);

    /** Explanations, comparisons and choices: "why", "difference", "объясни", "в чём разница", "или". */
    static final List<String> EXPLANATION = List.of(
            "why", "explain" + ANY_ENDING, "differen" + ANY_ENDING, "differs?", "compar" + ANY_ENDING,
            "vs", "versus", "pros\\s+and\\s+cons", "(?:dis)?advantages?", "benefits?", "trade-?offs?",
            "when\\s+(?:should|would|to\\s+use|do\\s+(?:i|we|you)\\s+use)",
            "how\\s+(?:is|are)\\s+(?:[\\p{L}\\p{N}_./-]+\\s+){0,5}?work(?:s|ing)?",
            "how\\s+(?:does|do)(?!\\s+(?:i|you|we)\\b)", // "how does X work", not the how-to "how do I"
            "under\\s+the\\s+hood", "better", "best\\s+(?:way|practices?)", "how\\s+should\\s+(?:i|we)",
            "choose\\s+between", "what\\s+happens", "(?:purpose|point)\\s+of", "in\\s+detail", "idea\\s+behind",
            "почему", "зачем", "объясн" + ANY_ENDING, "разниц" + ANY_ENDING, "отлича" + ANY_ENDING,
            "отличи[ея]", "сравн" + ANY_ENDING, "плюсы\\s+и\\s+минусы", "преимуществ" + ANY_ENDING,
            "недостат" + ANY_ENDING,
            "когда\\s+(?:стоит|лучше|нужно|надо|следует|использовать|применять)",
            "как\\s+(?:работа|устроен)" + ANY_ENDING, "принцип" + ANY_ENDING, "лучше", "как\\s+правильно",
            "на\\s+пальцах", "в\\s+чем\\s+(?:смысл|суть)", "что\\s+(?:будет|происходит),?\\s+(?:если|когда)",
            "подробн" + ANY_ENDING,
            // a choice or a judgement: "Django or FastAPI?", "is that normal?", "стоит ли"
            "or", "should\\s+i\\s+(?:learn|start|pick|choose|go\\s+with|switch)", "when\\s+is\\s+it",
            "is\\s+(?:it|that|this)\\s+(?:normal|ok|okay|fine|expected|worth)", "(?:good|bad)\\s+idea",
            "или", "стоит\\s+ли", "нормально\\s+ли", "это\\s+нормально", "(?:плохая|хорошая)\\s+идея",
            "с\\s+чего\\s+начать");

    /** Something is broken and the student wants it found or fixed: "debug", "не работает". */
    static final List<String> DEBUGGING = List.of(
            "debug" + ANY_ENDING, "bugs?", "buggy", "fix(?:es|ed|ing)?",
            "(?:(?:does|do|did|is|are|was|were|wo|ca)\\s*n'?t|not|never|stopped)\\s+"
                    + "(?:work|works|working|run|running|start|starting|load|loading|activat" + ANY_ENDING
                    + "|respond" + ANY_ENDING + "|connect" + ANY_ENDING + "|compil" + ANY_ENDING + ")",
            "fail(?:s|ed|ing|ure|ures)?", "crash" + ANY_ENDING, "hang(?:s|ing)?",
            "(?<!pip\\s)freez" + ANY_ENDING, "stuck", // but not the command `pip freeze`
            "broken", "breaks", "what'?s\\s+wrong", "what\\s+(?:is|could|might|can)\\s+(?:be\\s+)?wrong",
            "(?:can'?t|cannot|can\\s+not)\\s+figure\\s+out", "no\\s+idea\\s+why",
            "(?:don'?t|do\\s+not)\\s+understand\\s+why",
            "find\\s+(?:the\\s+|a\\s+|my\\s+)?(?:bug|error|mistake|problem)s?", "memory\\s+leak", "leak" + ANY_ENDING,
            "traceback", "stack\\s*trace", "times?\\s+out",
            "отлад" + ANY_ENDING, "отлаж" + ANY_ENDING, "дебаг" + ANY_ENDING, "дебаж" + ANY_ENDING,
            "баг(?:и|а|ов|у|ом)?", "исправ" + ANY_ENDING, "почин" + ANY_ENDING,
            "не\\s+(?:за)?работа" + ANY_ENDING,
            "не\\s+(?:запуска|выполня|устанавлива|импортир|подключа|видит|находит|грузит|загружа|отвеча|открыва"
                    + "|компилир|активир)" + ANY_ENDING,
            "пада(?:ет|ют|л|ло|ла|ли)", "упал" + ANY_ENDING, "вылета" + ANY_ENDING, "слома" + ANY_ENDING, "сломан" + ANY_ENDING, "зависа" + ANY_ENDING,
            "вис(?:ит|нет|нут)", "крэш" + ANY_ENDING, "краш" + ANY_ENDING, "что\\s+не\\s+так",
            "в\\s+чем\\s+(?:проблема|ошибка|дело)", "не\\s+понима" + ANY_ENDING + ",?\\s+(?:почему|в\\s+чем|что)",
            "найд?(?:и|ите|ти)\\s+(?:ошибк|баг)" + ANY_ENDING, "утечк" + ANY_ENDING, "теч(?:ет|ь)",
            "трейсб[еэ]к" + ANY_ENDING, "ругает" + ANY_ENDING);

    /** Words of trouble that mean debugging only next to code or an error: "error", "ошибка". */
    static final List<String> ERROR_WORDS = List.of(
            "errors?", "exceptions?", "problems?", "issues?", "wrong", "warnings?",
            "ошибк" + ANY_ENDING, "ошибок", "исключени" + ANY_ENDING, "проблем" + ANY_ENDING,
            "предупреждени" + ANY_ENDING);

    /** Designing, optimising, rewriting: multi-step work for the strongest model. */
    static final List<String> DESIGN = List.of(
            "design" + ANY_ENDING, "architect" + ANY_ENDING, "optimi[sz]" + ANY_ENDING, "refactor" + ANY_ENDING,
            "scal(?:e|es|ing|able|ability)", "rewrit" + ANY_ENDING, "re-write", "production[-\\s]ready",
            "code\\s+review", "review\\s+my\\s+code", "speed\\s+up\\s+(?:my|this|our)", "(?:too|very|super|really|so)\\s+slow",
            "slow\\s+(?:query|queries|endpoint|down)", "takes\\s+\\d+\\s*(?:s|sec|secs|seconds|min|minutes)",
            "спроектир" + ANY_ENDING, "проектир" + ANY_ENDING, "архитектур" + ANY_ENDING, "оптимиз" + ANY_ENDING,
            "рефактор" + ANY_ENDING, "масштабир" + ANY_ENDING, "перепиш" + ANY_ENDING, "переписа" + ANY_ENDING,
            "разработай(?:те)?", "продумай(?:те)?", "ускор(?:ь|ьте|ить)", "тормоз" + ANY_ENDING,
            "(?:очень|слишком)\\s+медленн" + ANY_ENDING,
            "выполняется\\s+\\d+\\s*(?:с|сек|секунд|секунды|мин|минут|минуты)", "ревью");

    private Vocabulary() {
    }
}
