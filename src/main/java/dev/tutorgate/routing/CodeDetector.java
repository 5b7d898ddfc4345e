package dev.tutorgate.routing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds code in a question as the student typed it (case matters: {@code SELECT}, {@code FROM} and
 * exception names are recognised by their capitals). Patterns are compiled once and tried line by
 * line, anchored, and only where a cheap check says they could match: prose costs little. Stateless.
 */
final class CodeDetector {
    private static final String TRACEBACK_HEADER = "Traceback (most recent call last)";

    /** A traceback frame or a test runner's failure line, at the start of a line. */
    private static final Pattern TRACEBACK_LINE = Pattern.compile(
            "[ \\t]*File \"[^\"\\n]+\", line \\d+"   // Python frames
                    + "|[\\w/.\\\\-]+\\.py:\\d+:"    // pytest's location lines
                    + "|E[ \\t]{2,}\\S");            // pytest's failure lines

    /** A line of Python, SQL, a Dockerfile, JavaScript, a shell or JSON, from the start of the line. */
    private static final Pattern CODE_LINE = Pattern.compile(
            "[ \\t]*(?:"
                    + "(?:async[ \\t]+)?def[ \\t]+\\w+[ \\t]*\\("
                    + "|class[ \\t]+\\w+[ \\t]*[(:]"
                    + "|import[ \\t]+[\\w.]+|from[ \\t]+[\\w.]+[ \\t]+import\\b"
                    + "|(?:return|await|yield|raise|assert|pass|break|continue)\\b"
                    + "|(?:if|elif|while|for|with|try|except|else|finally|async[ \\t]+(?:with|for))\\b.*:[ \\t]*$"
                    + "|@\\w+(?:\\.\\w+)*[ \\t]*(?:\\(|$)"
                    + "|[\\w.\\[\\]'\"]+[ \\t]*[-+*/]?=[ \\t]*[^=\\s]"                  // assignment
                    + "|[\\w.]+\\(.*\\)[ \\t]*[;:]?[ \\t]*$"                           // a call on its own line
                    + "|[}\\])]+[ \\t]*[;,)]*[ \\t]*$"
                    + "|(?:const|let|var|function)[ \\t]+\\w+"
                    + "|(?:\\$|>>>)[ \\t]*\\S"
                    + "|(?:pip3?|python3?|uvicorn|docker|git|npm|curl|alembic|pytest)[ \\t]+-{0,2}\\w"
                    + "|(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|FROM|WHERE|JOIN|LEFT|GROUP|ORDER|LIMIT)[ \\t]+\\S"
                    + "|(?:RUN|COPY|CMD|WORKDIR|ENV|EXPOSE|ENTRYPOINT|ARG)[ \\t]+\\S"
                    + "|\\{[ \\t]*\"|</?[a-z][\\w-]*[\\s>]"
                    + ")");

    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\\b");
    private static final Pattern HTTP_ERROR = Pattern.compile("\\b[45]\\d\\d[ \\t]+[A-Z][a-z]+(?:[ \\t]+[A-Z][a-z]+)*");

    /**
     * A kind of code token, looked for only when one of its triggers (a piece of text every match
     * contains) is in the text: a substring search is far cheaper than a regular expression.
     */
    private record Token(List<String> triggers, Pattern pattern) {
        Token(String triggerChars, Pattern pattern) {
            this(triggerChars.chars().mapToObj(Character::toString).toList(), pattern);
        }

        boolean in(String text) {
            for (String trigger : triggers) {
                if (text.contains(trigger)) {
                    return pattern.matcher(text).find();
                }
            }
            return false;
        }
    }

    /** Two different kinds on one line make inline code. */
    private static final List<Token> INLINE_TOKENS = List.of(
            new Token("`", Pattern.compile("`[^`\\n]+`")),
            new Token("=*>", Pattern.compile("==|!=|<=|>=|\\*\\*|\\+=|-=|:=|=>|->")),
            new Token("(", Pattern.compile("\\b[A-Za-z_][\\w.]*\\([^()\\n]*\\)")),
            new Token("{", Pattern.compile("\\{[ \\t]*['\"]?\\w+['\"]?[ \\t]*:")),
            new Token(List.of("for"), Pattern.compile("\\bfor[ \\t]+\\w+(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+in[ \\t]+\\w")),
            new Token("_", Pattern.compile("__\\w+__")),
            new Token("=", Pattern.compile("\\b\\w+[ \\t]*=(?!=)[ \\t]*[\\w\\[{(\"']")),
            new Token(List.of("def", "lambda", "elif", "await", "async", "return", "self.", "import"),
                    Pattern.compile("\\b(?:def|lambda|elif|await|async[ \\t]+def|return[ \\t]+\\w|self\\.)|\\bimport[ \\t]+\\w+")),
            new Token("[", Pattern.compile("\\b\\w+\\[['\"\\w]+\\]")),
            new Token("S", Pattern.compile("\\bSELECT\\b.+\\bFROM\\b")));

    private CodeDetector() {
    }

    static CodeEvidence inspect(String text) {
        boolean codeBlock = text.contains("```") || text.contains("~~~");
        boolean traceback = text.contains(TRACEBACK_HEADER);
        int codeLines = 0;
        Matcher codeLine = CODE_LINE.matcher(text);
        Matcher tracebackLine = TRACEBACK_LINE.matcher(text);
        for (int start = 0; start < text.length(); ) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            if (isIndented(text, start, end) || mayBeCode(text, start, end) && codeLine.region(start, end).lookingAt()) {
                codeLines++;
            }
            if (!traceback && mayBeCode(text, start, end) && tracebackLine.region(start, end).lookingAt()) {
                traceback = true;
            }
            start = end + 1;
        }
        boolean inline = !codeBlock && !traceback && codeLines < CodeEvidence.MIN_CODE_LINES && inlineCode(text);
        String error = error(text);
        if (!codeBlock && !traceback && codeLines == 0 && !inline && error == null) {
            return CodeEvidence.NONE;
        }
        return new CodeEvidence(codeBlock, traceback, codeLines, inline, error);
    }

    /** Four spaces or a tab, then something: a pasted, indented line. */
    private static boolean isIndented(String text, int start, int end) {
        int i = start;
        if (i < end && text.charAt(i) == '\t') {
            i++;
        } else if (end - start >= 4 && text.startsWith("    ", start)) {
            i += 4;
        } else {
            return false;
        }
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < end;
    }

    /** Code starts with ASCII; a line that starts with another letter (Cyrillic prose) is not code. */
    private static boolean mayBeCode(String text, int start, int end) {
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i < end && text.charAt(i) < 128;
    }

    private static boolean inlineCode(String text) {
        int kinds = 0;
        for (Token token : INLINE_TOKENS) {
            if (token.in(text) && ++kinds == 2) {
                return true;
            }
        }
        return false;
    }

    /** The first exception name or HTTP error status with its reason phrase, or null. */
    private static String error(String text) {
        if (text.contains("Error") || text.contains("Exception")) {
            Matcher name = EXCEPTION_NAME.matcher(text);
            if (name.find()) {
                return name.group();
            }
        }
        if (text.indexOf('4') < 0 && text.indexOf('5') < 0) {
            return null; // every status it looks for starts with 4 or 5
        }
        Matcher status = HTTP_ERROR.matcher(text);
        return status.find() ? status.group() : null;
    }
}
