package dev.renkei.core.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairOrderTest {
    private static final Instant NINE = Instant.parse("2026-11-21T00:00:00Z");
    private static final Instant HALF_PAST = NINE.plusSeconds(1800);

    private static Candidate due(String tenant, String robot, Instant window) {
        return new Candidate(TenantId.of(tenant), RobotId.of(robot), RunTrigger.SCHEDULED, window, null);
    }

    private static List<String> names(List<Candidate> ordered) {
        return ordered.stream().map(c -> c.tenant().value() + "/" + c.robot().value()).toList();
    }

    @Test
    void tenantsTakeTurnsWithinAWindow() {
        List<Candidate> due = List.of(due("big", "r1", NINE), due("big", "r2", NINE), due("big", "r3", NINE),
                due("small", "r1", NINE), due("mid", "r2", NINE), due("mid", "r1", NINE));

        assertThat(names(FairOrder.of(due)))
                .containsExactly("big/r1", "mid/r1", "small/r1", "big/r2", "mid/r2", "big/r3");
    }

    @Test
    void anEarlierWindowGoesFirstWhateverTheTenant() {
        List<Candidate> due = List.of(due("a", "r1", HALF_PAST), due("b", "r1", HALF_PAST), due("b", "r2", NINE),
                due("b", "r3", NINE));

        assertThat(names(FairOrder.of(due))).containsExactly("b/r2", "b/r3", "a/r1", "b/r1");
    }

    @Test
    void aSaltGivesEachInstanceItsOwnRobotOrderButKeepsWindowsAndTurns() {
        List<Candidate> due = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            due.add(due("big", String.format("r%02d", i), NINE));
        }
        due.add(due("small", "s1", NINE));
        due.add(due("big", "late", HALF_PAST));

        List<String> a = names(FairOrder.of(due, "instance-a"));
        List<String> b = names(FairOrder.of(due, "instance-b"));

        assertThat(a).isNotEqualTo(b).containsExactlyInAnyOrderElementsOf(b);
        for (List<String> order : List.of(a, b)) {
            assertThat(order.get(1)).as("the small tenant's turn comes second").isEqualTo("small/s1");
            assertThat(order.get(order.size() - 1)).as("the later window last").isEqualTo("big/late");
        }
        assertThat(names(FairOrder.of(due, "instance-a"))).as("stable for one instance").isEqualTo(a);
    }
}
