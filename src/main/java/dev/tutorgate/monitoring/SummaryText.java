package dev.tutorgate.monitoring;

import dev.tutorgate.scaling.Advice;
import dev.tutorgate.scaling.ScalingReport;
import dev.tutorgate.scaling.ScalingThresholds;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The summary as a plain-text report for a terminal ({@code tutorgate report}): aligned tables,
 * the colours as symbols and words (✓ ok, ! warn, ✗ BAD) so they survive pipes, logs and e-mail.
 */
public final class SummaryText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SummaryText() {
    }

    public static String render(Summary s) {
        StringBuilder out = new StringBuilder(4096);
        ZoneId zone = ZoneId.of(s.range().timeZone());
        out.append("tutorgate report — ").append(s.range().label()).append(": ").append(local(s.range().from(), zone))
                .append(" – ").append(local(s.range().to(), zone)).append(' ').append(s.range().timeZone()).append('\n');
        out.append("Generated ").append(local(s.generatedAt(), zone)).append(".\n");

        section(out, "Budget");
        for (Summary.BudgetUse b : s.budget()) {
            row(out, b.label(), b.text(), b.status(), "");
        }

        section(out, "Figures");
        out.append(String.format("  %-28s %-14s %-9s %s%n", "", "value", "status", "target · based on"));
        for (Figure f : s.figures()) {
            String detail = join(f.target() == null ? null : "target " + f.target(), f.note());
            row(out, f.label(), f.text(), f.status(), detail);
        }

        section(out, "Requests");
        Summary.Requests r = s.requests();
        out.append(String.format("  %d requests: %d answered (%d by a model, %d offline), %d failed, %d cancelled, %d refused%n",
                r.total(), r.answered(), r.answeredByModel(), r.answeredOffline(), r.failed(), r.cancelled(), r.rejected()));
        if (!r.rejectedByReason().isEmpty()) {
            out.append("  refused by reason: ").append(counts(r.rejectedByReason())).append('\n');
        }
        if (!s.calls().errorsByKind().isEmpty()) {
            out.append("  failed calls by kind: ").append(counts(s.calls().errorsByKind())).append('\n');
        }

        if (!s.byModel().isEmpty()) {
            section(out, "By model");
            out.append(String.format("  %-22s %9s %7s %7s %12s %7s %10s %12s %12s%n", "model", "requests", "calls", "errors",
                    "cost", "share", "cache hit", "per query", "per student"));
            for (Summary.ModelRow m : s.byModel()) {
                out.append(String.format("  %-22s %9d %7d %7d %12s %7s %10s %12s %12s%n", m.model(), m.requests(), m.calls(),
                        m.errors(), m.cost().text(), pct(m.costPercent()), pct(m.cacheHitPercent()), text(m.perQuery()),
                        text(m.perStudentMonth())));
            }
        }
        if (!s.byComplexity().isEmpty()) {
            section(out, "By complexity");
            for (Summary.ComplexityRow c : s.byComplexity()) {
                out.append(String.format("  %-10s %6d requests %6d answered %12s %7s%n", c.complexity(), c.requests(),
                        c.answered(), c.cost().text(), pct(c.costPercent())));
            }
        }
        if (s.routingSavings() != null) {
            out.append("  routing by complexity: ").append(s.routingSavings().text()).append('\n');
        }
        if (!s.topStudents().isEmpty()) {
            section(out, "Top spenders");
            for (Summary.StudentRow st : s.topStudents()) {
                out.append(String.format("  %-30s %6d requests %6d answered %12s%n",
                        st.name() == null ? st.studentId() : st.name() + " (" + st.studentId() + ")", st.requests(),
                        st.answered(), st.cost().text()));
            }
        }
        if (!s.providers().isEmpty()) {
            section(out, "Providers");
            for (ProviderStatus p : s.providers()) {
                out.append(String.format("  %-16s %-20s %-18s %-10s rpm %s/%s%n", p.provider(), p.model() == null ? "any" : p.model(),
                        p.keyAlias() == null ? "any" : p.keyAlias(), p.state(), p.rpmUsed() == null ? "-" : p.rpmUsed(),
                        p.rpmLimit() == null ? "-" : p.rpmLimit()));
            }
        }

        section(out, "Scaling");
        ScalingReport scaling = s.scaling();
        out.append("  ").append(scaling.headline()).append('\n');
        for (Advice a : scaling.advice()) {
            out.append("  ").append(mark(a.level())).append(a.title()).append('\n');
            if (a.level() != Advice.Level.OK) {
                out.append("      ").append(a.because()).append('\n');
                out.append("      → ").append(a.action()).append('\n');
            }
            out.append("      ").append(String.join(" · ", a.numbers().stream().map(n -> n.name() + ": " + n.text()).toList()))
                    .append('\n');
        }
        out.append("  Thresholds table:\n");
        for (ScalingThresholds.Row t : scaling.table()) {
            out.append(String.format("  %s %-8s %-42s %s%n", t.equals(scaling.row()) ? "→" : " ", t.students(),
                    t.recommendation(), t.monthlyCost()));
        }
        return out.toString();
    }

    /** The advice's urgency for a terminal without colour. */
    private static String mark(Advice.Level level) {
        return switch (level) {
            case CRITICAL -> "✗ CRITICAL  ";
            case WARNING -> "! WARNING   ";
            case INFO -> "· consider  ";
            case OK -> "✓ ok        ";
        };
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    private static void row(StringBuilder out, String label, String value, Status status, String detail) {
        String mark = status == Status.NONE ? "" : status.symbol() + " " + status.word();
        out.append(String.format("  %-28s %-14s %-9s %s", label, value, mark, detail == null ? "" : detail).stripTrailing())
                .append('\n');
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + " · " + b;
    }

    private static String counts(Map<String, Long> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return out.toString();
    }

    private static String pct(java.math.BigDecimal percent) {
        return percent == null ? "-" : percent.stripTrailingZeros().toPlainString() + "%";
    }

    private static String text(Usd usd) {
        return usd == null ? "-" : usd.text();
    }

    private static String local(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

}
