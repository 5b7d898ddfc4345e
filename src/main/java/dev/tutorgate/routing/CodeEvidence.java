package dev.tutorgate.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a question shows of code.
 *
 * @param codeBlock  a fenced Markdown block (```)
 * @param traceback  a Python traceback or a test runner's failure lines
 * @param codeLines  lines that look like code (statements, calls, SQL, Dockerfile, indented lines)
 * @param inlineCode code inside a sentence: at least two different code tokens on one line
 * @param error      the first exception name or HTTP error status named ("KeyError",
 *                   "422 Unprocessable Entity"); null if none
 */
record CodeEvidence(boolean codeBlock, boolean traceback, int codeLines, boolean inlineCode, String error) {
    static final CodeEvidence NONE = new CodeEvidence(false, false, 0, false, null);
    /** One code-like line is often prose ("x = 5"); two or more are pasted code. */
    static final int MIN_CODE_LINES = 2;

    /** Code was pasted or quoted. */
    boolean hasCode() {
        return codeBlock || traceback || codeLines >= MIN_CODE_LINES || inlineCode;
    }

    boolean hasError() {
        return error != null;
    }

    /** Short phrases for the log: "code block", "code lines: 5", "error: KeyError". */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>(3);
        if (codeBlock) {
            reasons.add("code block");
        }
        if (traceback) {
            reasons.add("traceback");
        }
        if (codeLines >= MIN_CODE_LINES) {
            reasons.add("code lines: " + codeLines);
        }
        if (inlineCode) {
            reasons.add("inline code");
        }
        if (error != null) {
            reasons.add("error: " + error);
        }
        return reasons;
    }
}
