package dev.tutorgate.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in English and Russian words the classifier looks for, in {@link KeywordGroup}'s phrase
 * notation: {@code *} = any ending (Russian stems cover every inflection: "объясн*" matches
 * "объясни", "объясните", "объяснить"), {@code _} = any one word. Words that would also match
 * something innocent are spelt out instead of given a {@code *} ("fix" but not "fixture", "freezes"
 * but not "pip freeze").
 */
final class Vocabulary {
    /** Definitions, facts and one-step how-tos: "what is", "что такое", "как установить". */
    static final List<String> DEFINITION = concat(
            List.of("what is", "what are", "what does", "what do _ mean", "what do _ _ mean", "meaning of",
                    "define", "definition", "stand for", "stands for", "how to", "default port",
                    "что такое", "что значит", "что означает", "что это значит", "что это означает", "что делает",
                    "расшифр*", "определени*"),
            combine(List.of("what's", "whats"), List.of("a", "an", "the")),
            combine(List.of("how do i", "how can i"), List.of("install", "create", "run", "start", "print", "exit",
                    "quit", "read", "check", "activate", "deactivate", "comment", "open", "update", "upgrade", "add",
                    "make", "see", "list", "get")),
            combine(List.of("which", "what"), List.of("command", "port", "method", "file", "version")),
            combine(List.of("как"), List.of("установить", "создать", "запустить", "обновить", "узнать", "открыть",
                    "выйти", "посмотреть", "вывести", "сделать", "активировать", "деактивировать", "удалить",
                    "добавить", "называется", "поставить", "проверить")),
            combine(List.of("какой", "какая", "какое", "какие", "какую"), List.of("командой", "команда", "команду",
                    "порт", "файл", "метод", "версия", "версию")));

    /** Explanations, comparisons and choices: "why", "difference", "объясни", "в чём разница", "или". */
    static final List<String> EXPLANATION = concat(
            List.of("why", "explain*", "differen*", "differ", "differs", "compar*", "vs", "versus", "pros and cons",
                    "advantage", "advantages", "disadvantage", "disadvantages", "benefit", "benefits",
                    "trade-off", "trade-offs", "tradeoff", "tradeoffs", "when should", "when would", "when to use",
                    "when do i use", "when do we use", "when do you use", "how does", "how do _ work*",
                    "how do _ _ work*", "how do _ _ _ work*", "under the hood", "better", "best way",
                    "best practice", "best practices", "how should i", "how should we", "choose between",
                    "what happens", "purpose of", "point of", "in detail", "idea behind",
                    "почему", "зачем", "объясн*", "разниц*", "отлича*", "отличие", "отличия", "сравн*",
                    "плюсы и минусы", "преимуществ*", "недостат*", "как работа*", "как устроен*", "принцип*",
                    "лучше", "как правильно", "на пальцах", "в чем смысл", "в чем суть", "подробн*"),
            combine(List.of("когда"), List.of("стоит", "лучше", "нужно", "надо", "следует", "использовать", "применять")),
            combine(List.of("что будет", "что происходит"), List.of("если", "когда")),
            // a choice or a judgement: "Django or FastAPI?", "is that normal?", "стоит ли"
            List.of("or", "when is it", "good idea", "bad idea", "или", "стоит ли", "нормально ли", "это нормально",
                    "плохая идея", "хорошая идея", "с чего начать"),
            combine(List.of("should i"), List.of("learn", "start", "pick", "choose", "go with", "switch")),
            combine(List.of("is it", "is that", "is this"), List.of("normal", "ok", "okay", "fine", "expected", "worth")));

    /** Something is broken and the student wants it found or fixed: "debug", "не работает". */
    static final List<String> DEBUGGING = concat(
            List.of("debug*", "bug", "bugs", "buggy", "fix", "fixes", "fixed", "fixing", "fail", "fails", "failed",
                    "failing", "failure", "failures", "crash*", "hang", "hangs", "hanging", "freezes", "freezing",
                    "froze", "frozen", "stuck", "broken", "breaks", "what's wrong", "whats wrong", "what is wrong",
                    "what could be wrong", "what might be wrong", "what can be wrong", "no idea why",
                    "memory leak", "leak*", "traceback", "stacktrace", "stack trace", "time out", "times out",
                    "timed out",
                    "отлад*", "отлаж*", "дебаг*", "дебаж*", "баг", "баги", "бага", "багов", "багу", "багом", "исправ*",
                    "почин*", "пада*", "упал*", "вылета*", "слома*", "сломан*", "зависа*", "висит", "виснет", "виснут",
                    "крэш*", "краш*", "что не так", "в чем проблема", "в чем ошибка", "в чем дело", "утечк*",
                    "течет", "течь", "трейсбек*", "трейсбэк*", "ругает*"),
            combine(List.of("doesn't", "doesnt", "does not", "don't", "dont", "do not", "didn't", "didnt", "did not",
                            "isn't", "isnt", "is not", "aren't", "are not", "won't", "wont", "can't", "cant", "not",
                            "never", "stopped"),
                    List.of("work*", "run*", "start*", "load*", "activat*", "respond*", "connect*", "compil*")),
            combine(List.of("can't", "cant", "cannot", "can not"), List.of("figure out")),
            combine(List.of("don't", "dont", "do not"), List.of("understand why")),
            combine(List.of("find", "find the", "find a", "find my"), List.of("bug", "bugs", "error", "errors",
                    "mistake", "mistakes", "problem")),
            combine(List.of("не"), List.of("работа*", "заработа*", "запуска*", "выполня*", "устанавлива*",
                    "импортир*", "подключа*", "видит", "находит", "грузит*", "загружа*", "отвеча*", "открыва*",
                    "компилир*", "активир*")),
            combine(List.of("не понима*"), List.of("почему", "в чем", "что")),
            combine(List.of("найди", "найдите", "найти"), List.of("ошибк*", "баг*")));

    /** Words of trouble that mean debugging only next to code or an error: "error", "ошибка". */
    static final List<String> ERROR_WORDS = List.of(
            "error", "errors", "exception", "exceptions", "problem", "problems", "issue", "issues", "wrong",
            "warning", "warnings", "ошибк*", "ошибок", "исключени*", "проблем*", "предупреждени*");

    /** Designing, optimising, rewriting: multi-step work for the strongest model. */
    static final List<String> DESIGN = concat(
            List.of("design*", "architect*", "optimis*", "optimiz*", "refactor*", "scale", "scales", "scaling",
                    "scalable", "scalability", "rewrit*", "re-write", "production-ready", "production ready",
                    "code review", "review my code", "slow down",
                    "спроектир*", "проектир*", "архитектур*", "оптимиз*", "рефактор*", "масштабир*", "перепиш*",
                    "переписа*", "разработай", "разработайте", "продумай", "продумайте", "ускорь", "ускорьте",
                    "ускорить", "тормоз*", "ревью"),
            combine(List.of("speed up"), List.of("my", "this", "our")),
            combine(List.of("too", "very", "super", "really", "so"), List.of("slow")),
            combine(List.of("slow"), List.of("query", "queries", "endpoint")),
            combine(List.of("takes _"), List.of("s", "sec", "secs", "seconds", "min", "minutes")),
            combine(List.of("очень", "слишком"), List.of("медленн*")),
            combine(List.of("выполняется _"), List.of("с", "сек*", "секунд*", "мин", "минут*")));

    private Vocabulary() {
    }

    /** Every "first second" pair: combine([how do i], [install, run]) = [how do i install, how do i run]. */
    private static List<String> combine(List<String> firsts, List<String> seconds) {
        List<String> phrases = new ArrayList<>(firsts.size() * seconds.size());
        for (String first : firsts) {
            for (String second : seconds) {
                phrases.add(first + " " + second);
            }
        }
        return phrases;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
