package dev.renkei.samples.runner;

import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.samples.runner.RunnerConfig.RobotConfig;
import dev.renkei.samples.runner.RunnerConfig.SlotConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the robots in the store in line with the config file, through {@link RobotService}:
 *
 * <ul>
 *   <li>a robot not yet stored is created with its slots, numbered per medium in file order
 *       ({@code demo-html_001}, {@code demo-html_002}…);</li>
 *   <li>a stored robot gets the file's name, linkage switch, ATS account, schedule and notifications where they
 *       differ. The ATS account is stored without the endpoint settings that became the
 *       providers' endpoints ({@link RunnerConfig#atsProviders}), so a robot stored with one before is updated
 *       once;</li>
 *   <li>slots are matched per medium: first by login id (in order), then the rest in slot-number order. A matched
 *       slot whose password or extras changed is edited in place and keeps its id; a file slot without a match is
 *       added with the next free number; a stored slot without a match is deleted (tombstoned, its number never
 *       reused). Imports stay exactly once whatever the matching: the ledger is keyed by the board account, not
 *       the slot number.</li>
 * </ul>
 *
 * Robots in the store that the file does not list are left alone.
 */
final class RobotUpsert {
    private RobotUpsert() {}

    /**
     * Applies the file's robots.
     *
     * @param resealAll save every robot once even when unchanged, so its credentials are sealed under the active key
     * @return one line per change
     */
    static List<String> apply(RobotService robots, TenantId tenant, List<RobotConfig> wanted, boolean resealAll) {
        List<String> changes = new ArrayList<>();
        for (RobotConfig w : wanted) {
            Optional<Robot> found = robots.list(tenant).stream().filter(r -> r.id().equals(w.id())).findFirst();
            if (found.isEmpty()) {
                robots.create(tenant, w.id(), w.name(), w.ats(), w.notifications(), w.schedule());
                if (!w.linkageEnabled()) {
                    robots.setLinkage(tenant, w.id(), false);
                }
                List<String> added = new ArrayList<>();
                for (SlotConfig s : w.slots()) {
                    added.add(robots.addSlot(tenant, w.id(), s.medium(), s.credentials()).value());
                }
                changes.add("robot " + w.id() + ": created with slots " + added);
                continue;
            }
            Robot r = found.get();
            boolean saved = false;
            if (!r.name().equals(w.name())) {
                robots.rename(tenant, w.id(), w.name());
                changes.add("robot " + w.id() + ": renamed");
                saved = true;
            }
            if (r.linkageEnabled() != w.linkageEnabled()) {
                robots.setLinkage(tenant, w.id(), w.linkageEnabled());
                changes.add("robot " + w.id() + ": linkage " + (w.linkageEnabled() ? "on" : "off"));
                saved = true;
            }
            if (!r.ats().equals(w.ats())) {
                robots.setAts(tenant, w.id(), w.ats());
                changes.add("robot " + w.id() + ": ATS account updated");
                saved = true;
            }
            if (!r.schedule().equals(w.schedule())) {
                robots.setSchedule(tenant, w.id(), w.schedule());
                changes.add("robot " + w.id() + ": schedule " + w.schedule().times() + " " + w.schedule().zone());
                saved = true;
            }
            if (!r.notifications().equals(w.notifications())) {
                robots.setNotifications(tenant, w.id(), w.notifications());
                changes.add("robot " + w.id() + ": notification addresses updated");
                saved = true;
            }
            saved |= slots(robots, tenant, r, w, changes);
            if (resealAll && !saved) {
                robots.setNotifications(tenant, w.id(), r.notifications());
                changes.add("robot " + w.id() + ": credentials sealed again under the active key");
            }
        }
        return changes;
    }

    private static boolean slots(RobotService robots, TenantId tenant, Robot stored, RobotConfig w,
                                 List<String> changes) {
        boolean saved = false;
        Set<String> media = new LinkedHashSet<>();
        w.slots().forEach(s -> media.add(s.medium()));
        stored.activeSlots().forEach(s -> media.add(s.medium()));
        for (String medium : media) {
            List<AccountSlot> have = new ArrayList<>(stored.activeSlots().stream().filter(s -> s.medium().equals(medium))
                    .sorted(Comparator.comparingInt(s -> s.id().number())).toList());
            List<SlotConfig> want = w.slots().stream().filter(s -> s.medium().equals(medium)).toList();
            AccountSlot[] match = new AccountSlot[want.size()];
            for (int i = 0; i < want.size(); i++) {
                String loginId = want.get(i).credentials().loginId();
                for (AccountSlot h : have) {
                    if (h.credentials().loginId().equals(loginId)) {
                        match[i] = h;
                        have.remove(h);
                        break;
                    }
                }
            }
            for (int i = 0; i < want.size(); i++) {
                if (match[i] == null && !have.isEmpty()) {
                    match[i] = have.remove(0);
                }
            }
            for (int i = 0; i < want.size(); i++) {
                SlotConfig s = want.get(i);
                if (match[i] == null) {
                    changes.add("robot " + w.id() + ": slot " + robots.addSlot(tenant, w.id(), medium, s.credentials())
                            + " added");
                    saved = true;
                } else if (!match[i].credentials().equals(s.credentials())) {
                    robots.changeCredentials(tenant, w.id(), match[i].id(), s.credentials());
                    changes.add("robot " + w.id() + ": slot " + match[i].id() + " credentials updated in place");
                    saved = true;
                }
            }
            for (AccountSlot gone : have) {
                robots.deleteSlot(tenant, w.id(), gone.id());
                changes.add("robot " + w.id() + ": slot " + gone.id() + " deleted (no longer in the file)");
                saved = true;
            }
        }
        return saved;
    }
}
