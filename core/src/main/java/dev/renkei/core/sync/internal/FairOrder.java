package dev.renkei.core.sync.internal;

import dev.renkei.core.internal.Keys;
import dev.renkei.core.model.RobotId;
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
        List<Candidate> sorted = new ArrayList<>(due);
        sorted.sort(Comparator.comparing(Candidate::windowStart).thenComparing(c -> c.tenant().value())
                .thenComparing(Candidate::robot, robotOrder(salt)));
        Map<String, Integer> turn = new HashMap<>();
        List<Ranked> ranked = new ArrayList<>();
        for (Candidate c : sorted) {
            int n = turn.merge(Keys.of(c.windowStart(), c.tenant().value()), 1, Integer::sum);
            ranked.add(new Ranked(c, n));
        }
        ranked.sort(Comparator.comparing((Ranked r) -> r.candidate.windowStart()).thenComparingInt(r -> r.turn)
                .thenComparing(r -> r.candidate.tenant().value()));
        return ranked.stream().map(Ranked::candidate).toList();
    }

    private static Comparator<RobotId> robotOrder(String salt) {
        return salt == null ? Comparator.comparing(RobotId::value)
                : Comparator.comparingInt((RobotId r) -> mix(Keys.of(salt, r.value()).hashCode()))
                        .thenComparing(RobotId::value);
    }

    /** MurmurHash3's finaliser: a salt changes the order, not just where it starts. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** A candidate with its tenant's turn within its window (1 = the tenant's first robot). */
    private record Ranked(Candidate candidate, int turn) {}
}
