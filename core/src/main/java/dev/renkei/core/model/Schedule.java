package dev.renkei.core.model;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * When a robot runs: a time zone and at most two distinct times of day, each on the hour or the half hour
 * ({@code 09:00}, {@code 13:30}). An empty list means "manual runs only".
 *
 * @param zone the zone the times are in, e.g. {@code Asia/Tokyo}
 * @param times 0–2 distinct times, on :00 or :30, kept sorted
 */
public record Schedule(ZoneId zone, List<LocalTime> times) {
    /** At most this many run windows a day. */
    public static final int MAX_WINDOWS = 2;

    /** Validates and sorts. */
    public Schedule {
        Checks.notNull(zone, "schedule zone");
        Checks.notNull(times, "schedule times");
        if (times.size() > MAX_WINDOWS) {
            throw new ValidationException("a schedule holds at most " + MAX_WINDOWS + " run times a day, got "
                    + times.size() + " " + times);
        }
        TreeSet<LocalTime> sorted = new TreeSet<>();
        for (LocalTime t : times) {
            Checks.notNull(t, "schedule time");
            if (!(t.getMinute() == 0 || t.getMinute() == 30)) {
                throw new ValidationException("schedule time " + t + " is invalid: run times must be on the hour or "
                        + "the half hour (:00 or :30)");
            }
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw new ValidationException("schedule time " + t + " is invalid: run times are whole minutes on "
                        + ":00 or :30, without seconds");
            }
            if (!sorted.add(t)) {
                throw new ValidationException("schedule time " + t + " is given twice: the two run times must differ");
            }
        }
        times = List.copyOf(sorted);
    }

    /** A schedule with the given times. */
    public static Schedule of(ZoneId zone, LocalTime... times) {
        return new Schedule(zone, List.of(times));
    }

    /** Manual runs only, in the given zone. */
    public static Schedule manualOnly(ZoneId zone) {
        return new Schedule(zone, List.of());
    }

    /**
     * The window starts of this schedule in the half-open interval {@code (from, to]}, in order, computed in the
     * schedule's zone. A time that does not exist on a spring-forward day moves forward by the length of the gap
     * (02:30 in a one-hour gap runs at 03:30); a time that exists twice on a fall-back day runs once, at its earlier
     * occurrence; two times that land on the same instant count once.
     *
     * @param from excluded
     * @param to included
     * @return the window starts, empty for a manual-only schedule
     */
    public List<Instant> windows(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (LocalTime t : times) {
                Instant w = ZonedDateTime.of(d, t, zone).toInstant();
                if (w.isAfter(from) && !w.isAfter(to) && !out.contains(w)) {
                    out.add(w);
                }
            }
        }
        out.sort(null);
        return out;
    }
}
