package dev.tutorgate.provider.emulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts prompt tokens and finds lesson titles. Tokens are counted with JTokkit's o200k_base
 * (the GPT-4.1 tokenizer) for every protocol, so the same prompt always costs the same count.
 * Long texts (the course, the system prompt) repeat on every call, so their facts are cached.
 */
final class PromptMeter {
    /** Token count and lesson titles of one text. */
    record TextFacts(int tokens, List<String> titles) {
    }

    /** {@code <lesson number="3" title="Title">}: how tutorgate's own prompt marks its lessons. */
    private static final Pattern LESSON_TAG = Pattern.compile("[ \\t]*<lesson\\b[^>]*\\btitle=\"([^\"]+)\"[^>]*>.*");
    /** {@code # Title} (a level-1 Markdown heading). */
    private static final Pattern HEADING = Pattern.compile("[ \\t]{0,3}#[ \\t]+(.+?)[ \\t#]*");
    /** {@code Lesson: Title}, {@code Lesson 3: Title}, {@code ## Lesson 3 - Title}. */
    private static final Pattern LESSON_LINE = Pattern.compile(
            "[ \\t]{0,3}(?:#{1,6}[ \\t]+)?lesson(?:[ \\t]+\\d+)?[ \\t]*[:.\\-\\u2013\\u2014][ \\t]*(.+?)[ \\t#]*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Bounds of the cache: entries and characters held (a long course counts with its length). */
    private static final int CACHE_ENTRIES = 4096;
    private static final long CACHE_CHARS = 64L * 1024 * 1024;
    private static final int MAX_TITLES = 1000;

    /** Thread-safe and costly to load, so shared by every emulator in the JVM. */
    private static final class Tokenizer {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    private final ConcurrentHashMap<String, TextFacts> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();

    PromptMeter() {
        tokens("warm up the vocabulary before the first call");
    }

    int tokens(String text) {
        return text.isEmpty() ? 0 : Tokenizer.O200K.countTokens(text);
    }

    /**
     * Token count and lesson titles of a text. Cached: the system prompt and the course repeat on
     * every call, and even a benchmark's repeated question should not be tokenized again.
     */
    TextFacts facts(String text) {
        TextFacts known = cache.get(text);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHE_ENTRIES || cachedChars.get() + text.length() > CACHE_CHARS) {
            clear();
        }
        TextFacts facts = measure(text);
        if (text.length() <= CACHE_CHARS && cache.putIfAbsent(text, facts) == null) {
            cachedChars.addAndGet(text.length());
        }
        return facts;
    }

    void clear() {
        cache.clear();
        cachedChars.set(0);
    }

    private TextFacts measure(String text) {
        return new TextFacts(tokens(text), titles(text));
    }

    /**
     * Lesson titles in order of appearance, without duplicates. When the prompt marks its lessons
     * with {@code <lesson title=…>} tags (tutorgate's own layout), only those count: the headings
     * inside a lesson are its sections, not lessons.
     */
    static List<String> titles(String text) {
        if (text.indexOf('#') < 0 && !text.toLowerCase(Locale.ROOT).contains("lesson")) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Set<String> tagged = new LinkedHashSet<>();
        boolean inCode = false;
        for (String line : text.split("\n")) {
            line = line.stripTrailing();
            if (found.size() >= MAX_TITLES) {
                break;
            }
            String code = line.stripLeading();
            if (code.startsWith("```") || code.startsWith("~~~")) {
                inCode = !inCode; // a "# comment" inside a code block is not a heading
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher tag = LESSON_TAG.matcher(line);
            if (tag.matches()) {
                tagged.add(tag.group(1).strip());
                continue;
            }
            Matcher lesson = LESSON_LINE.matcher(line);
            if (lesson.matches()) {
                found.add(lesson.group(1).strip());
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                found.add(heading.group(1).strip());
            }
        }
        Set<String> titles = tagged.isEmpty() ? found : tagged;
        titles.remove("");
        return List.copyOf(titles);
    }
}
