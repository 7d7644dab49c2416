package dev.renkei.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.InProcessAts;
import dev.renkei.core.testing.InProcessBoard;
import dev.renkei.core.testing.TestH2;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The entry point: one builder wires store, engine, scheduler and relay; host start-up code runs on every start. */
class RenkeiTest {
    private static final SecretCipher CIPHER = SecretCipher.of("k1", SecretCipher.generateKey());
    private final TenantId tenant = TenantId.of("acme");
    private final RobotId robot = RobotId.of("main");
    private final InProcessBoard board = new InProcessBoard("mem");
    private final InProcessAts ats = new InProcessAts(board);
    private final List<OutboxMail> sent = new CopyOnWriteArrayList<>();

    private Renkei.Builder builder(DataSource db) {
        return Renkei.builder().dataSource(db).cipher(CIPHER).connector(board).connector(ats)
                .mail(sent::add, "renkei@example.com");
    }

    /** What a host runs on every start, as in the README quickstart. */
    private void hostStartUp(Renkei renkei, String password) {
        renkei.robots().createOrUpdate(tenant, robot, "採用ロボット", new AtsAccount(InProcessAts.ID, "main", Map.of(),
                        null), NotificationSettings.to("saiyo@example.com"),
                Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0)));
        renkei.robots().putSlot(tenant, robot, "mem", Credentials.of("hr@example.com", password));
    }

    @Test
    void aHostWiresOneObjectRunsARobotAndGetsItsMail() {
        board.account("hr@example.com", "ACC-1").applications(3);
        try (Renkei renkei = builder(TestH2.newDatabase()).build()) {
            hostStartUp(renkei, "pw-1");

            SyncRun run = renkei.runNow(tenant, robot);

            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.result().imported()).isEqualTo(3);
            assertThat(ats.creates()).isEqualTo(3);
            assertThat(sent).singleElement().satisfies(m -> {
                assertThat(m.from()).isEqualTo("renkei@example.com");
                assertThat(m.subject()).contains("成功");
            });
            assertThat(renkei.checkLogins(tenant, robot)).hasSize(2).allSatisfy(v -> assertThat(v.ok()).isTrue());
        }
    }

    @Test
    void theHostsStartUpCodeRunsOnEveryStartWithoutErrorsOrDoubles() {
        DataSource db = TestH2.newDatabase();
        try (Renkei first = builder(db).build()) {
            hostStartUp(first, "pw-1");
        }
        try (Renkei second = builder(db).build()) {
            hostStartUp(second, "pw-1");
            hostStartUp(second, "pw-2"); // the password changed in the host's settings

            Robot stored = second.robots().get(tenant, robot);
            assertThat(stored.activeSlots()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(SlotId.parse("mem_001"));
                assertThat(s.credentials().secret().reveal()).isEqualTo("pw-2");
            });
            second.robots().createOrUpdate(tenant, robot, "新しい名前", stored.ats(), stored.notifications(),
                    stored.schedule());
            assertThat(second.robots().get(tenant, robot).name()).isEqualTo("新しい名前");
            assertThat(second.robots().get(tenant, robot).activeSlots()).hasSize(1);
        }
    }

    @Test
    void oneHeartbeatSettingGivesTheDeadRunLimit() {
        assertThat(Renkei.deadAfter(Renkei.DEFAULT_HEARTBEAT)).isEqualTo(Duration.ofMinutes(5));
        try (Renkei renkei = Renkei.builder().store(new InMemoryStore()).heartbeat(Duration.ofSeconds(3)).build()) {
            assertThat(renkei.heartbeat()).isEqualTo(Duration.ofSeconds(3));
            assertThat(Renkei.deadAfter(renkei.heartbeat())).isEqualTo(Duration.ofSeconds(30));
            assertThat(renkei.relay()).as("no mail configured").isEmpty();
        }
    }

    @Test
    void startIsIdempotentAndAClosedInstanceDoesNotStartAgain() {
        Renkei renkei = Renkei.builder().store(new InMemoryStore()).mail(sent::add, "renkei@example.com").build();
        assertThat(renkei.start()).isSameAs(renkei);
        renkei.start();
        renkei.close();
        renkei.close();
        assertThatThrownBy(renkei::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderMistakesAreArgumentAndStateErrors() {
        assertThatThrownBy(() -> Renkei.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dataSource");
        assertThatThrownBy(() -> Renkei.builder().dataSource(TestH2.newDatabase()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cipher");
        assertThatThrownBy(() -> Renkei.builder().heartbeat(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Renkei.builder().mail(sent::add, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Renkei.builder().dataSource(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void relayOptionsReachTheRelay() {
        assertThatThrownBy(() -> Renkei.builder().store(new InMemoryStore()).mail(sent::add, "renkei@example.com")
                .relayOptions(r -> r.maxAttempts(0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        try (Renkei renkei = Renkei.builder().store(new InMemoryStore()).mail(sent::add, "renkei@example.com")
                .relayOptions(r -> r.maxAttempts(20)).build()) {
            assertThat(renkei.relay()).get().asString().contains("maxAttempts=20");
        }
    }
}
