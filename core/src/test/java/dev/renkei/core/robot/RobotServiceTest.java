package dev.renkei.core.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.renkei.core.NotFoundException;
import dev.renkei.core.ConflictException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.InMemoryStore;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RobotServiceTest {
    private static final TenantId A = TenantId.of("tenant-a");
    private static final TenantId B = TenantId.of("tenant-b");
    private static final RobotId R1 = RobotId.of("robot-1");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final AtsAccount ATS = new AtsAccount("webhook", "acme", Map.of("url", "https://ats.example/in"),
            null);

    private final InMemoryStore store = new InMemoryStore();
    private final RobotService robots = new RobotService(store.robots());

    private Robot createR1() {
        return robots.create(A, R1, "doda → ATS", ATS, NotificationSettings.to("hr@example.jp"),
                Schedule.of(TOKYO, LocalTime.of(9, 0)));
    }

    @Test
    void createsARobotWithLinkageOnAndNoSlots() {
        Robot r = createR1();

        assertThat(r.version()).isEqualTo(1);
        assertThat(r.linkageEnabled()).isTrue();
        assertThat(r.slots()).isEmpty();
        assertThat(robots.get(A, R1)).isEqualTo(r);
        assertThat(robots.list(A)).containsExactly(r);
    }

    @Test
    void rejectsASecondRobotWithTheSameIdInOneTenant() {
        createR1();

        assertThatThrownBy(this::createR1).isInstanceOf(ConflictException.class).hasMessageContaining("robot-1");
    }

    @Test
    void renamesSwitchesLinkageAndSetsScheduleAndNotifications() {
        createR1();

        robots.rename(A, R1, "doda + green → ATS");
        robots.setLinkage(A, R1, false);
        robots.setSchedule(A, R1, Schedule.of(TOKYO, LocalTime.of(18, 30), LocalTime.of(8, 0)));
        robots.setNotifications(A, R1, new NotificationSettings(List.of("hr@example.jp"), List.of("boss@example.jp"),
                Locale.ENGLISH));
        robots.setAts(A, R1, new AtsAccount("webhook", "acme-2", Map.of(), null));

        Robot r = robots.get(A, R1);
        assertThat(r.name()).isEqualTo("doda + green → ATS");
        assertThat(r.linkageEnabled()).isFalse();
        assertThat(r.schedule().times()).containsExactly(LocalTime.of(8, 0), LocalTime.of(18, 30));
        assertThat(r.notifications().cc()).containsExactly("boss@example.jp");
        assertThat(r.ats().accountId()).isEqualTo("acme-2");
        assertThat(r.version()).isEqualTo(6);
    }

    @Test
    void aBadValueChangesNothing() {
        Robot before = createR1();

        assertThatThrownBy(() -> robots.rename(A, R1, "two\nlines"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("robot name");
        assertThatThrownBy(() -> robots.setSchedule(A, R1, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule");
        assertThatThrownBy(() -> robots.setNotifications(A, R1, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("notification");
        assertThatThrownBy(() -> robots.addSlot(A, R1, "Doda", Credentials.of("u", "p")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("medium");
        assertThatThrownBy(() -> robots.addSlot(A, R1, "doda", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("credentials");

        assertThat(robots.get(A, R1)).isEqualTo(before);
    }

    @Test
    void numbersSlotsPerMediumFromOne() {
        createR1();

        SlotId d1 = robots.addSlot(A, R1, "doda", Credentials.of("doda-1", "p1"));
        SlotId d2 = robots.addSlot(A, R1, "doda", Credentials.of("doda-2", "p2"));
        SlotId g1 = robots.addSlot(A, R1, "green", Credentials.of("green-1", "p3"));

        assertThat(List.of(d1, d2, g1)).extracting(SlotId::value).containsExactly("doda_001", "doda_002", "green_001");
        assertThat(robots.get(A, R1).activeSlots()).extracting(AccountSlot::id).containsExactly(d1, d2, g1);
    }

    @Test
    void neverReusesTheNumberOfADeletedSlot() {
        createR1();
        robots.addSlot(A, R1, "doda", Credentials.of("doda-1", "p1"));
        SlotId d2 = robots.addSlot(A, R1, "doda", Credentials.of("doda-2", "p2"));

        Robot afterDelete = robots.deleteSlot(A, R1, d2);
        SlotId next = robots.addSlot(A, R1, "doda", Credentials.of("doda-2", "p2"));

        assertThat(afterDelete.activeSlot(d2)).isEmpty();
        assertThat(next.value()).isEqualTo("doda_003");
        Robot r = robots.get(A, R1);
        assertThat(r.slots()).extracting(s -> s.id().value() + (s.tombstoned() ? " (deleted)" : ""))
                .containsExactly("doda_001", "doda_002 (deleted)", "doda_003");
    }

    @Test
    void deletingTheHighestSlotStillAdvancesTheNumber() {
        createR1();
        SlotId d1 = robots.addSlot(A, R1, "doda", Credentials.of("doda-1", "p1"));
        robots.deleteSlot(A, R1, d1);

        assertThat(robots.addSlot(A, R1, "doda", Credentials.of("doda-1", "p1")).value()).isEqualTo("doda_002");
    }

    @Test
    void changingCredentialsKeepsTheSlotId() {
        createR1();
        SlotId d1 = robots.addSlot(A, R1, "doda", Credentials.of("old-login", "old-pass"));

        Robot r = robots.changeCredentials(A, R1, d1, Credentials.of("new-login", "new-pass"));

        assertThat(r.activeSlots()).hasSize(1);
        AccountSlot slot = r.activeSlot(d1).orElseThrow();
        assertThat(slot.credentials().loginId()).isEqualTo("new-login");
        assertThat(slot.credentials().secret().reveal()).isEqualTo("new-pass");
    }

    @Test
    void deletingTwiceOrEditingADeletedSlotIsNotFound() {
        createR1();
        SlotId d1 = robots.addSlot(A, R1, "doda", Credentials.of("u", "p"));
        robots.deleteSlot(A, R1, d1);

        assertThatThrownBy(() -> robots.deleteSlot(A, R1, d1))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("doda_001");
        assertThatThrownBy(() -> robots.changeCredentials(A, R1, d1, Credentials.of("u", "p2")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.deleteSlot(A, R1, SlotId.parse("green_001")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherTenantCanNeitherSeeNorChangeTheRobot() {
        Robot original = createR1();
        SlotId d1 = robots.addSlot(A, R1, "doda", Credentials.of("u", "p"));
        Robot before = robots.get(A, R1);

        NotFoundException read = catchThrowableOfType(() -> robots.get(B, R1), NotFoundException.class);
        NotFoundException missing = catchThrowableOfType(() -> robots.get(B, RobotId.of("no-such-robot")),
                NotFoundException.class);
        assertThat(read.getMessage()).isEqualTo(missing.getMessage().replace("no-such-robot", "robot-1"));
        assertThat(robots.list(B)).isEmpty();

        assertThatThrownBy(() -> robots.rename(B, R1, "hijacked")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.setLinkage(B, R1, false)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.setSchedule(B, R1, Schedule.manualOnly(TOKYO)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.setNotifications(B, R1, NotificationSettings.to("evil@example.com")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.setAts(B, R1, ATS)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.addSlot(B, R1, "doda", Credentials.of("x", "y")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.changeCredentials(B, R1, d1, Credentials.of("x", "y")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> robots.deleteSlot(B, R1, d1)).isInstanceOf(NotFoundException.class);

        assertThat(robots.get(A, R1)).isEqualTo(before);
        assertThat(original.tenant()).isEqualTo(A);
    }

    @Test
    void tenantsMayUseTheSameRobotIdIndependently() {
        createR1();
        robots.create(B, R1, "B's robot", ATS, NotificationSettings.to("b@example.jp"), Schedule.manualOnly(TOKYO));

        robots.addSlot(B, R1, "doda", Credentials.of("b", "p"));

        assertThat(robots.get(A, R1).name()).isEqualTo("doda → ATS");
        assertThat(robots.get(A, R1).slots()).isEmpty();
        assertThat(robots.get(B, R1).slots()).hasSize(1);
    }

    @Test
    void concurrentAddsGetDistinctNumbers() throws Exception {
        createR1();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<SlotId>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return robots.addSlot(A, R1, "doda", Credentials.of("login-" + n, "p"));
                }));
            }
            go.countDown();
            List<Integer> numbers = new ArrayList<>();
            for (Future<SlotId> f : futures) {
                numbers.add(f.get().number());
            }

            assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
        assertThat(robots.get(A, R1).slots()).hasSize(threads)
                .extracting(s -> s.credentials().loginId()).doesNotHaveDuplicates();
    }

    @Test
    void unknownRobotsAreNotFound() {
        assertThatThrownBy(() -> robots.get(A, R1)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("robot-1");
        assertThatThrownBy(() -> robots.addSlot(A, R1, "doda", Credentials.of("u", "p")))
                .isInstanceOf(NotFoundException.class);
    }
}
