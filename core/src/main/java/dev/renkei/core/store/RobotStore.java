package dev.renkei.core.store;

import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.TenantId;
import java.util.List;
import java.util.Optional;

/** Robots with their slots. Every call is scoped by tenant. */
public interface RobotStore {
    /**
     * Inserts a new robot (its version must be 0) and returns it with version 1.
     *
     * @throws dev.renkei.core.ConflictException when the robot id is taken in the tenant
     */
    Robot insert(Robot robot);

    /**
     * Replaces a robot and its slots if its version is still {@code robot.version()}; returns it with the version
     * incremented. Slots are never deleted (tombstoned slots stay).
     *
     * @throws dev.renkei.core.ConflictException when another writer got there first
     * @throws dev.renkei.core.NotFoundException when the robot does not exist in the tenant
     */
    Robot update(Robot robot);

    /** A robot of the tenant. */
    Optional<Robot> find(TenantId tenant, RobotId id);

    /** The tenant's robots, by id. */
    List<Robot> list(TenantId tenant);

    /** Every robot of every tenant. */
    List<Robot> listAll();

    /**
     * When every robot of every tenant runs: what a scheduling pass reads. A store that can answer it without
     * assembling whole robots (slots, credentials to unseal) overrides it; the default derives it from
     * {@link #listAll()}.
     */
    default List<RobotTimes> listTimes() {
        return listAll().stream().map(r -> new RobotTimes(r.tenant(), r.id(), r.linkageEnabled(), r.schedule()))
                .toList();
    }

    /**
     * A robot's linkage switch and schedule.
     *
     * @param tenant its tenant
     * @param robot its id
     * @param linkageEnabled whether it runs at all
     * @param schedule when it runs
     */
    record RobotTimes(TenantId tenant, RobotId robot, boolean linkageEnabled, Schedule schedule) {}

    /** Stores a slot's last login-check verdict without touching the robot's version. */
    void saveVerdict(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict);
}
