package dev.tutorgate.routing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds code in a question as the student typed it (case matters: {@code SELECT}, {@code FROM} and
 * exception names are recognised by their capitals). Patterns are compiled once; stateless.
 */
final class CodeDetector {
    private static final Pattern CODE_BLOCK = Pattern.compile("```|~~~");

    private static final Pattern TRACEBACK = Pattern.compile(
            "Traceback \\(most recent call last\\)"
                    + "|^[ \\t]*File \"[^\"\\n]+\", line \\d+"   // Python frames
                    + "|^[\\w/.\\\\-]+\\.py:\\d+:"               // pytest's location lines
                    + "|^E[ \\t]{2,}\\S",                        // pytest's failure lines
            Pattern.MULTILINE);

    /** A line of Python, SQL, a Dockerfile, JavaScript, a shell or JSON, or any line indented by 4+. */
    private static final Pattern CODE_LINE = Pattern.compile(
            "^(?:(?: {4,}|\\t)[ \\t]*\\S"                                          // indented
                    + "|[ \\t]*(?:"
                    + "(?:async[ \\t]+)?def[ \\t]+\\w+[ \\t]*\\("
                    + "|class[ \\t]+\\w+[ \\t]*[(:]"
                    + "|import[ \\t]+[\\w.]+|from[ \\t]+[\\w.]+[ \\t]+import\\b"
                    + "|(?:return|await|yield|raise|assert|pass|break|continue)\\b"
                    + "|(?:if|elif|while|for|with|try|except|else|finally|async[ \\t]+(?:with|for))\\b[^\\n]*:[ \\t]*$"
                    + "|@\\w+(?:\\.\\w+)*[ \\t]*(?:\\(|$)"
                    + "|[\\w.\\[\\]'\"]+[ \\t]*[-+*/]?=[ \\t]*[^=\\s]"                  // assignment
                    + "|[\\w.]+\\([^\\n]*\\)[ \\t]*[;:]?[ \\t]*$"                      // a call on its own line
                    + "|[}\\])]+[ \\t]*[;,)]*[ \\t]*$"
                    + "|(?:const|let|var|function)[ \\t]+\\w+"
                    + "|(?:\\$|>>>)[ \\t]*\\S"
                    + "|(?:pip3?|python3?|uvicorn|docker|git|npm|curl|alembic|pytest)[ \\t]+-{0,2}\\w"
                    + "|(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|FROM|WHERE|JOIN|LEFT|GROUP|ORDER|LIMIT)[ \\t]+\\S"
                    + "|(?:RUN|COPY|CMD|WORKDIR|ENV|EXPOSE|ENTRYPOINT|ARG)[ \\t]+\\S"
                    + "|\\{[ \\t]*\"|</?[a-z][\\w-]*[\\s>]"
                    + "))",
            Pattern.MULTILINE);

    /** Exception names (TypeError, HTTPException) and HTTP error statuses with their reason phrase. */
    private static final Pattern ERROR = Pattern.compile(
            "\\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\\b|\\b[45]\\d\\d[ \\t]+[A-Z][a-z]+(?:[ \\t]+[A-Z][a-z]+)*");

    /** Kinds of code token; two different kinds on one line make inline code. */
    private static final List<Pattern> INLINE_TOKENS = List.of(
            Pattern.compile("`[^`\\n]+`"),
            Pattern.compile("==|!=|<=|>=|\\*\\*|\\+=|-=|:=|=>|->"),
            Pattern.compile("\\b[A-Za-z_][\\w.]*\\([^()\\n]*\\)"),
            Pattern.compile("\\{[ \\t]*['\"]?\\w+['\"]?[ \\t]*:"),
            Pattern.compile("\\bfor[ \\t]+\\w+(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+in[ \\t]+\\w"),
            Pattern.compile("__\\w+__"),
            Pattern.compile("\\b\\w+[ \\t]*=(?!=)[ \\t]*[\\w\\[{(\"']"),
            Pattern.compile("\\b(?:def|lambda|elif|await|async[ \\t]+def|return[ \\t]+\\w|self\\.)|\\bimport[ \\t]+\\w+"),
            Pattern.compile("\\b\\w+\\[['\"\\w]+\\]"),
            Pattern.compile("\\bSELECT\\b.+\\bFROM\\b"));

    private CodeDetector() {
    }

    static CodeEvidence inspect(String text) {
        boolean codeBlock = CODE_BLOCK.matcher(text).find();
        boolean traceback = TRACEBACK.matcher(text).find();
        int codeLines = count(CODE_LINE.matcher(text));
        boolean inline = !codeBlock && !traceback && codeLines < CodeEvidence.MIN_CODE_LINES && inlineCode(text);
        Matcher error = ERROR.matcher(text);
        String errorName = error.find() ? error.group() : null;
        if (!codeBlock && !traceback && codeLines == 0 && !inline && errorName == null) {
            return CodeEvidence.NONE;
        }
        return new CodeEvidence(codeBlock, traceback, codeLines, inline, errorName);
    }

    private static boolean inlineCode(String text) {
        int kinds = 0;
        for (Pattern token : INLINE_TOKENS) {
            if (token.matcher(text).find() && ++kinds == 2) {
                return true;
            }
        }
        return false;
    }

    private static int count(Matcher matcher) {
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
