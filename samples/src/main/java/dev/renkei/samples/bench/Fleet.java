package dev.renkei.samples.bench;

import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The robots of a benchmark: each writes to the {@link LatencyAts} and reads {@link LatencyBoard} accounts. */
final class Fleet {
    /** The tenant every benchmark robot belongs to. */
    static final TenantId TENANT = TenantId.of("bench");
    /** The cipher that seals the benchmark robots' (made-up) credentials. */
    static final SecretCipher CIPHER = SecretCipher.of("bench", SecretCipher.generateKey());
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private Fleet() {}

    /** Robot {@code i}'s id. */
    static RobotId robot(int i) {
        return RobotId.of("robot-" + i);
    }

    /**
     * Creates {@code count} robots ({@link #robot(int) robot-0…}) with {@code slots} slots each, every slot its own
     * board account, on {@code threads} threads.
     */
    static List<RobotId> create(Renkei renkei, int count, int slots, Schedule schedule, int threads) throws Exception {
        RobotService robots = renkei.robots();
        AtsAccount ats = new AtsAccount(LatencyAts.ID, "bench-ats", Map.of(), Credentials.of("ats-key", "ats-secret"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<RobotId>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RobotId id = robot(i);
                made.add(pool.submit(() -> {
                    robots.create(TENANT, id, "benchmark " + id.value(), ats, NotificationSettings.to(
                            "hr@bench.invalid"), schedule);
                    for (int s = 0; s < slots; s++) {
                        robots.addSlot(TENANT, id, LatencyBoard.ID, Credentials.of(id.value() + "-slot-" + s, "pw"));
                    }
                    return id;
                }));
            }
            List<RobotId> ids = new ArrayList<>();
            for (Future<RobotId> f : made) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A manual-only schedule. */
    static Schedule manual() {
        return Schedule.manualOnly(ZONE);
    }
}
