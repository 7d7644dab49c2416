package dev.renkei.core.sync.internal;

import dev.renkei.core.internal.Keys;
import java.time.Instant;
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

    /** The candidates in the order they should be started; a tenant's robots in robot-id order. */
    public static List<Candidate> of(List<Candidate> due) {
        return of(due, null);
    }

    /**
     * As {@link #of(List)}, but a tenant's robots within a window in an order of their own for each {@code salt}
     * (a scheduler instance's id): two instances then do not walk the same robots in lockstep and lose most claims
     * to each other. Windows and the tenants' turns keep their order.
     */
    public static List<Candidate> of(List<Candidate> due, String salt) {
        // every sort key computed once per candidate, not in each comparison: a pass orders every due robot
        List<Keyed> sorted = new ArrayList<>(due.size());
        for (Candidate c : due) {
            String robot = c.robot().value();
            int rank = salt == null ? 0 : mix(Keys.of(salt, robot).hashCode());
            sorted.add(new Keyed(c, c.windowStart(), c.tenant().value(), rank, robot));
        }
        sorted.sort(Comparator.comparing(Keyed::window).thenComparing(Keyed::tenant).thenComparingInt(Keyed::rank)
                .thenComparing(Keyed::robot));
        Map<Turn, Integer> turns = new HashMap<>();
        List<Ranked> ranked = new ArrayList<>(sorted.size());
        for (Keyed k : sorted) {
            ranked.add(new Ranked(k, turns.merge(new Turn(k.window(), k.tenant()), 1, Integer::sum)));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.keyed.window()).thenComparingInt(Ranked::turn)
                .thenComparing(r -> r.keyed.tenant()));
        List<Candidate> out = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            out.add(r.keyed.candidate());
        }
        return out;
    }

    /** A candidate with its sort keys; {@code rank} is the salted place of its robot (0 without a salt). */
    private record Keyed(Candidate candidate, Instant window, String tenant, int rank, String robot) {}

    /** A tenant's robots in one window. */
    private record Turn(Instant window, String tenant) {}

    /** MurmurHash3's finaliser: a salt changes the order, not just where it starts. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** A candidate with its tenant's turn within its window (1 = the tenant's first robot). */
    private record Ranked(Keyed keyed, int turn) {}
}
