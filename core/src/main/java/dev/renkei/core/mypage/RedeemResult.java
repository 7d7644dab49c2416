package dev.renkei.core.mypage;

/** The outcome of {@link MyPageService#redeem}. */
public enum RedeemResult {
    /** The password is set and the account registered. */
    REGISTERED,
    /** The link ran out or a newer link replaced it; nothing changed (offer {@link MyPageService#resend}). */
    EXPIRED,
    /** The link was used already, or the account completed with another link; nothing changed. */
    ALREADY_USED,
    /** No such link; nothing changed. */
    INVALID
}
