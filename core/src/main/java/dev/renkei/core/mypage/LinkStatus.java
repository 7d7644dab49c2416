package dev.renkei.core.mypage;

/**
 * What a setup link is worth, as the host's page shows it. It reveals nothing about the account behind it.
 */
public enum LinkStatus {
    /** The link can set a password. */
    VALID,
    /** The link ran out or a newer link replaced it; the page offers {@link MyPageService#resend}. */
    EXPIRED,
    /** The link was used, or the account completed with another link. */
    ALREADY_USED,
    /** No such link. */
    INVALID
}
