package dev.renkei.core.model;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A media account slot id such as {@code doda_001}: the medium id, an underscore and a three-digit number that
 * counts per robot per medium and is never reused, not even after the slot is deleted.
 *
 * @param medium the medium (media connector) id, lower-case letters, digits and '-'
 * @param number 1–999
 */
public record SlotId(String medium, int number) {
    /** Medium ids: lower-case letters, digits and '-', starting with a letter, at most 40 characters. */
    public static final Pattern MEDIUM = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern FORM = Pattern.compile("([a-z][a-z0-9-]{0,39})_(\\d{3})");

    /** Validates medium and number. */
    public SlotId {
        Checks.matches(medium, MEDIUM, "medium", "use lower-case letters, digits and '-', starting with a letter");
        if (number < 1 || number > 999) {
            throw new ValidationException("slot number " + number + " is out of range: slots are numbered 001 to 999");
        }
    }

    /** Parses {@code doda_001}. */
    public static SlotId parse(String text) {
        Checks.notNull(text, "slot id");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new ValidationException("slot id '" + Checks.printable(text)
                    + "' is invalid: expected <medium>_NNN such as doda_001");
        }
        return new SlotId(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The text form, e.g. {@code doda_001}. */
    public String value() {
        // built by hand: this runs for every slot read from a store, and String.format was a tenth of a run's CPU
        return medium + (number < 10 ? "_00" : number < 100 ? "_0" : "_") + number;
    }

    @Override
    public String toString() {
        return value();
    }
}
