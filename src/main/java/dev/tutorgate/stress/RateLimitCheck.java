package dev.tutorgate.stress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides from the outcomes whether the per-student limit held, without ever blaming the server for
 * the client's own uncertainty: the server admitted an answer at some moment between the request
 * leaving ({@code sent}) and its status line arriving ({@code headers}). A window [T1, T2] surely
 * holds every answer sent at or after T1 whose status arrived by T2; only if those are more than the
 * rule allows for T2 − T1 did the limit fail.
 */
final class RateLimitCheck {
    private RateLimitCheck() {
    }

    static LimitVerdict check(List<Outcome> outcomes, List<String> studentNames, int limitPerMinute,
                              LimitSource source, LimitRule rule) {
        List<List<Outcome>> byStudent = new ArrayList<>();
        studentNames.forEach(name -> byStudent.add(new ArrayList<>()));
        int withoutRetryAfter = 0;
        int not429 = 0;
        for (Outcome o : outcomes) {
            byStudent.get(o.student()).add(o);
            if (o.status() == 429 && !o.saysWhenToRetry()) {
                withoutRetryAfter++;
            }
            if ("rate_limited".equals(o.code()) && o.status() != 429) {
                not429++;
            }
        }
        List<LimitVerdict.StudentLimit> students = new ArrayList<>();
        boolean exercised = false;
        boolean allHeld = true;
        for (int s = 0; s < studentNames.size(); s++) {
            List<Outcome> asked = byStudent.get(s);
            List<Outcome> answers = asked.stream().filter(Outcome::answered).toList();
            LimitVerdict.Window window = closestWindow(answers, limitPerMinute, rule);
            boolean held = window == null || window.answers() <= window.allowed();
            allHeld &= held;
            exercised |= asked.size() > limitPerMinute;
            int tooMany = (int) asked.stream().filter(o -> o.status() == 429).count();
            students.add(new LimitVerdict.StudentLimit(studentNames.get(s), asked.size(), answers.size(), tooMany,
                    window, held));
        }
        boolean held = allHeld && withoutRetryAfter == 0 && not429 == 0;
        return new LimitVerdict(limitPerMinute, source, rule, held, exercised, students, withoutRetryAfter, not429);
    }

    /**
     * The first window found with more answers than allowed, or else the one nearest the limit
     * (most answers over what was allowed; more answers on a tie). Quadratic in one student's
     * answers, which a held limit keeps few; a broken one is caught at the first window.
     */
    static LimitVerdict.Window closestWindow(List<Outcome> answers, int limitPerMinute, LimitRule rule) {
        if (answers.isEmpty()) {
            return null;
        }
        List<Outcome> bySent = answers.stream().sorted(Comparator.comparingLong(Outcome::sent)).toList();
        List<Outcome> byHeaders = answers.stream().sorted(Comparator.comparingLong(Outcome::headers)).toList();
        LimitVerdict.Window closest = null;
        for (Outcome first : bySent) {
            long from = first.sent();
            int inside = 0;
            for (Outcome last : byHeaders) {
                if (last.sent() < from) {
                    continue;
                }
                long allowed = rule.allowed(limitPerMinute, last.headers() - from);
                if (allowed == Long.MAX_VALUE) {
                    break; // later windows are longer still: unlimited too
                }
                inside++;
                LimitVerdict.Window window = new LimitVerdict.Window(inside, from, last.headers(), allowed);
                if (inside > allowed) {
                    return window;
                }
                if (closest == null || nearer(window, closest)) {
                    closest = window;
                }
            }
        }
        return closest;
    }

    private static boolean nearer(LimitVerdict.Window a, LimitVerdict.Window b) {
        long slackA = a.allowed() - a.answers();
        long slackB = b.allowed() - b.answers();
        return slackA < slackB || (slackA == slackB && a.answers() > b.answers());
    }
}
