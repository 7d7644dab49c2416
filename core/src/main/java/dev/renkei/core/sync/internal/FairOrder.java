package dev.renkei.core.sync.internal;

import dev.renkei.core.internal.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order due runs start in: window order; within one window, tenants take turns, so a tenant with 500 robots
 * does not starve a tenant with one. Not API.
 */
public final class FairOrder {
    private FairOrder() {}

    /** The candidates in the order they should be started. */
    public static List<Candidate> of(List<Candidate> due) {
        List<Candidate> sorted = new ArrayList<>(due);
        sorted.sort(Comparator.comparing(Candidate::windowStart).thenComparing(c -> c.tenant().value())
                .thenComparing(c -> c.robot().value()));
        Map<String, Integer> turn = new HashMap<>();
        List<Ranked> ranked = new ArrayList<>();
        for (Candidate c : sorted) {
            int n = turn.merge(Keys.of(c.windowStart(), c.tenant().value()), 1, Integer::sum);
            ranked.add(new Ranked(c, n));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.candidate.windowStart()).thenComparingInt(r -> r.turn)
                .thenComparing(r -> r.candidate.tenant().value()).thenComparing(r -> r.candidate.robot().value()));
        return ranked.stream().map(Ranked::candidate).toList();
    }

    /** A candidate with its tenant's turn within its window (1 = the tenant's first robot). */
    private record Ranked(Candidate candidate, int turn) {}
}
