package dev.renkei.core.mypage;

/** The outcome of {@link MyPageService#redeem}. */
public enum RedeemResult {
    /** The password is set and the account registered. */
    REGISTERED,
    /** The link ran out; nothing changed. */
    EXPIRED,
    /** The link was used already (or replaced by a newer one); nothing changed. */
    ALREADY_USED,
    /** No such link; nothing changed. */
    INVALID
}
