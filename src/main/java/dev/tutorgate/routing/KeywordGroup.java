package dev.tutorgate.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named set of words and phrases, found in a question with one pass over its words.
 *
 * <p>Phrase notation (built-in words and configured extras alike): words separated by spaces, which
 * match any run of spaces or commas; a word ending in {@code *} matches any ending ({@code отлад*}
 * matches "отладить", "отладка"); a lone {@code _} matches any one word ({@code takes _ seconds}).
 * Matching ignores case, reads ё as е and typographic apostrophes as plain ones, and a phrase must
 * start and end at word boundaries ("fix" does not match "fixture").
 *
 * <p>The phrases are compiled into a trie once; {@link #find} walks it from each word start of the
 * question and allocates nothing unless something matches. Immutable after construction; thread-safe.
 */
final class KeywordGroup {
    /** Enough phrases to explain a decision; more only make the log line longer. */
    private static final int MAX_REPORTED = 3;

    private final String name;
    private final Node root = new Node();

    private KeywordGroup(String name) {
        this.name = name;
    }

    /**
     * @param name    how the reasons call these words ("debug words")
     * @param phrases built-in phrases in the notation above
     * @param extra   more phrases from configuration (null or blank entries are skipped)
     */
    static KeywordGroup of(String name, List<String> phrases, List<String> extra) {
        KeywordGroup group = new KeywordGroup(name);
        phrases.forEach(group::add);
        for (String phrase : extra) {
            if (phrase != null && !phrase.replace("*", "").isBlank()) {
                group.add(phrase);
            }
        }
        return group;
    }

    private void add(String phrase) {
        Node node = root;
        String[] words = phrase.strip().split("\\s+");
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            if (w > 0) {
                node = node.space();
            }
            if (word.equals("_")) {
                node = node.anyWord();
                continue;
            }
            boolean anyEnding = word.endsWith("*");
            String stem = anyEnding ? word.substring(0, word.length() - 1) : word;
            for (int i = 0; i < stem.length(); i++) {
                node = node.child(fold(stem.charAt(i)));
            }
            if (anyEnding) {
                node = node.anyEnding();
            }
        }
        node.terminal = true;
    }

    /** The distinct phrases of this group in {@code text}, as matched (folded), in order, at most three. */
    List<String> find(String text) {
        List<String> found = null;
        int length = text.length();
        int i = 0;
        while (i < length) {
            if (isWordChar(text.charAt(i)) && (i == 0 || !isWordChar(text.charAt(i - 1)))) {
                int end = walk(root, text, i);
                if (end > i) {
                    String phrase = folded(text, i, end);
                    if (found == null) {
                        found = new ArrayList<>(MAX_REPORTED);
                    }
                    if (!found.contains(phrase)) {
                        found.add(phrase);
                        if (found.size() == MAX_REPORTED) {
                            break;
                        }
                    }
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return found == null ? List.of() : found;
    }

    /** "debug words: fix, traceback" */
    String describe(List<String> found) {
        return name + ": " + String.join(", ", found);
    }

    /** The end of the longest phrase that matches at {@code pos} from {@code node}, or -1. */
    private static int walk(Node node, String text, int pos) {
        int length = text.length();
        int best = node.terminal && isBoundary(text, pos) ? pos : -1;
        if (pos < length) {
            char c = text.charAt(pos);
            if (node.space != null && isSpaceLike(c)) {
                int next = pos;
                while (next < length && isSpaceLike(text.charAt(next))) {
                    next++;
                }
                best = Math.max(best, walk(node.space, text, next));
            }
            Node child = node.get(fold(c));
            if (child != null) {
                best = Math.max(best, walk(child, text, pos + 1));
            }
            if (node.anyWord != null && !isSpaceLike(c)) {
                int next = pos;
                while (next < length && !isSpaceLike(text.charAt(next))) {
                    next++;
                }
                best = Math.max(best, walk(node.anyWord, text, next));
            }
        }
        if (node.anyEnding != null) {
            int next = pos;
            while (next < length && Character.isLetter(text.charAt(next))) {
                next++;
            }
            best = Math.max(best, walk(node.anyEnding, text, next));
        }
        return best;
    }

    private static String folded(String text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isSpaceLike(c)) {
                space = true;
            } else {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.append(fold(c));
            }
        }
        return out.toString();
    }

    /** Lower case, ё as е, typographic apostrophes as plain ones. */
    static char fold(char c) {
        char lower = Character.toLowerCase(c);
        return switch (lower) {
            case 'ё' -> 'е';
            case '’', 'ʼ' -> '\'';
            default -> lower;
        };
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isBoundary(String text, int pos) {
        return pos == text.length() || !isWordChar(text.charAt(pos));
    }

    private static boolean isSpaceLike(char c) {
        return Character.isWhitespace(c) || c == ',';
    }

    /** One trie node: children by folded character, plus the special edges of the notation. */
    private static final class Node {
        private char[] keys = new char[0];
        private Node[] children = new Node[0];
        boolean terminal;
        Node space;
        Node anyWord;
        Node anyEnding;

        Node get(char c) {
            int at = Arrays.binarySearch(keys, c);
            return at >= 0 ? children[at] : null;
        }

        Node child(char c) {
            if (c == ' ') {
                return space();
            }
            int at = Arrays.binarySearch(keys, c);
            if (at >= 0) {
                return children[at];
            }
            int insert = -at - 1;
            char[] newKeys = new char[keys.length + 1];
            Node[] newChildren = new Node[children.length + 1];
            System.arraycopy(keys, 0, newKeys, 0, insert);
            System.arraycopy(children, 0, newChildren, 0, insert);
            newKeys[insert] = c;
            newChildren[insert] = new Node();
            System.arraycopy(keys, insert, newKeys, insert + 1, keys.length - insert);
            System.arraycopy(children, insert, newChildren, insert + 1, children.length - insert);
            keys = newKeys;
            children = newChildren;
            return newChildren[insert];
        }

        Node space() {
            return space == null ? space = new Node() : space;
        }

        Node anyWord() {
            return anyWord == null ? anyWord = new Node() : anyWord;
        }

        Node anyEnding() {
            return anyEnding == null ? anyEnding = new Node() : anyEnding;
        }
    }
}
