package dev.renkei.samples.web.app;

import dev.renkei.core.meeting.InterviewSlot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The interview slot form as the user typed it (kept on errors), and its checks with Japanese messages: start
 * {@code 2026-12-10 10:00} in Tokyo time and in the future, a length of 1–600 minutes, a topic.
 *
 * @param start the start as typed
 * @param duration the minutes as typed
 * @param topic the topic as typed
 */
record InterviewSlotForm(String start, String duration, String topic) {
    /** An empty form: 45 minutes. */
    static final InterviewSlotForm EMPTY = new InterviewSlotForm("", "45", "");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_MINUTES = 600;
    private static final int MAX_TOPIC = 200;

    /** The form as posted. */
    static InterviewSlotForm of(Request r) {
        return new InterviewSlotForm(r.param("start").trim(), r.param("duration").trim(), r.param("topic").trim());
    }

    /** The form filled with a slot's values. */
    static InterviewSlotForm of(InterviewSlot s) {
        return new InterviewSlotForm(ZoomPages.when(s.start()), Long.toString(s.duration().toMinutes()), s.topic());
    }

    /**
     * The start, checked.
     *
     * @throws IllegalArgumentException with the message to show when it is no date, or not after {@code now}
     */
    Instant startAfter(Instant now) {
        Instant at;
        try {
            at = LocalDateTime.parse(start.replace('T', ' '), INPUT).atZone(ZoomPages.TOKYO).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("開始日時は「2026-12-10 10:00」の形式（日本時間）で、実在する日時を入力してください。");
        }
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("開始日時が過去です。" + ZoomPages.when(now) + " より後の日時を入力してください。");
        }
        return at;
    }

    /**
     * The length, checked.
     *
     * @throws IllegalArgumentException with the message to show when it is no number of 1–600 minutes
     */
    Duration length() {
        try {
            int minutes = Integer.parseInt(duration);
            if (minutes >= 1 && minutes <= MAX_MINUTES) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("所要時間は 1〜" + MAX_MINUTES + " 分の数字で入力してください。");
    }

    /**
     * The topic, checked.
     *
     * @throws IllegalArgumentException with the message to show when it is empty or too long
     */
    String checkedTopic() {
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("件名を入力してください（Zoom ミーティングの名前になります）。");
        }
        if (topic.length() > MAX_TOPIC) {
            throw new IllegalArgumentException("件名は " + MAX_TOPIC + " 文字以内で入力してください。");
        }
        return topic;
    }
}
