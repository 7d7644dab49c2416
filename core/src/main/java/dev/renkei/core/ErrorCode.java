package dev.renkei.core;

import dev.renkei.core.internal.Locales;
import java.util.Locale;

/**
 * Every error Renkei reports. Each code has one fixed {@link ErrorClassification} and a remedy text in
 * Japanese and English; {@code {0}} in a remedy is replaced by where the error happened (a slot id such as
 * {@code doda_001}, "ATS", a meeting link).
 */
public enum ErrorCode {
    // --- action required -------------------------------------------------------------------------
    /** The login id or password was refused (job board, ATS, CRM). */
    LOGIN_FAILED(ErrorClassification.ACTION_REQUIRED,
            "{0} のログインID・パスワードが正しいか確認し、ロボット設定で更新してください。",
            "Check the login ID and password of {0} and update them in the robot settings."),
    /** The account is authenticated but lacks a permission or scope the operation needs. */
    PERMISSION_MISSING(ErrorClassification.ACTION_REQUIRED,
            "{0} のアカウントに必要な権限がありません。管理者に権限の付与を依頼してください。",
            "The account used for {0} lacks a required permission; ask an administrator to grant it."),
    /** A screen blocks navigation after login: a notice pop-up, a forced password change, terms to accept. */
    UNEXPECTED_SCREEN(ErrorClassification.ACTION_REQUIRED,
            "{0} にログインすると確認画面（お知らせ・パスワード変更・利用規約など）が表示されます。ブラウザでログインして画面の指示に従ってください。",
            "Logging in to {0} shows a screen that must be confirmed (notice, password change, terms). Log in with a browser and follow it."),
    /** The account is locked on the remote side. */
    ACCOUNT_LOCKED(ErrorClassification.ACTION_REQUIRED,
            "{0} のアカウントがロックされています。媒体・サービスの手順でロックを解除してください。",
            "The account of {0} is locked. Unlock it following the service's procedure."),
    /** The meeting-provider link (e.g. Zoom) was revoked and must be authorized again. */
    MEETING_LINK_REVOKED(ErrorClassification.ACTION_REQUIRED,
            "{0} の連携が解除されています。管理画面から再度連携してください。",
            "The link to {0} was revoked. Link the account again from the admin screen."),
    /** The chosen meeting host user no longer exists or is not licensed. */
    MEETING_HOST_NOT_FOUND(ErrorClassification.ACTION_REQUIRED,
            "{0} のホストユーザーが見つかりません。ホストユーザーを選び直してください。",
            "The host user of {0} was not found. Choose the host user again."),
    /** The CRM grant (e.g. PORTERS) is missing or expired. */
    CRM_GRANT_MISSING(ErrorClassification.ACTION_REQUIRED,
            "{0} のアクセス許可がありません。CRM側でアプリを許可してください。",
            "Renkei is not granted access to {0}. Grant the app access in the CRM."),
    /** The target rejected a record as invalid. */
    DATA_REJECTED(ErrorClassification.ACTION_REQUIRED,
            "{0} がデータを受け付けませんでした。エラー内容の項目を確認し、必要なら手動で登録してください。",
            "{0} rejected the data. Check the fields named in the error and register the record by hand if needed."),
    /** Configuration supplied by the customer is invalid or incomplete (e.g. no job routing target). */
    CONFIGURATION_INVALID(ErrorClassification.ACTION_REQUIRED,
            "{0} の設定に誤りがあります。エラー内容を確認して設定を修正してください。",
            "The settings of {0} are invalid. Check the error and correct the settings."),

    // --- no action needed ------------------------------------------------------------------------
    /** The remote service is unreachable or answered with a server error. */
    UNAVAILABLE(ErrorClassification.NO_ACTION_NEEDED,
            "{0} に一時的に接続できませんでした。次回の実行で自動的に再取得します。",
            "{0} was temporarily unavailable. The next run picks up what was missed."),
    /** The remote service announced maintenance. */
    MAINTENANCE(ErrorClassification.NO_ACTION_NEEDED,
            "{0} はメンテナンス中でした。次回の実行で自動的に再取得します。",
            "{0} was in maintenance. The next run picks up what was missed."),
    /** A call did not finish in time. */
    TIMEOUT(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の応答がタイムアウトしました。次回の実行で自動的に再取得します。",
            "{0} did not answer in time. The next run picks up what was missed."),
    /** A page no longer has the structure the site profile expects. */
    LAYOUT_CHANGED(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の画面構成が変わった可能性があります。運用担当が調査します。",
            "The pages of {0} seem to have changed. The operator is investigating."),
    /** The remote service limited our request rate. */
    RATE_LIMITED(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の利用回数制限に達しました。次回の実行で続きを処理します。",
            "{0} limited the request rate. The next run continues."),
    /** A response was larger than the configured cap. */
    RESPONSE_TOO_LARGE(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の応答が上限サイズを超えました。運用担当が調査します。",
            "A response from {0} exceeded the size limit. The operator is investigating."),
    /** The source record lacks data the target needs and the customer cannot supply it in Renkei. */
    APPLICANT_INCOMPLETE(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の応募データに必須項目がありません。運用担当が調査します。",
            "An application from {0} lacks required data. The operator is investigating."),
    /** A bug or unexpected condition inside Renkei. */
    INTERNAL(ErrorClassification.NO_ACTION_NEEDED,
            "{0} の処理中に内部エラーが発生しました。運用担当が調査します。",
            "An internal error occurred while processing {0}. The operator is investigating."),
    /** Anything not classified otherwise. */
    UNKNOWN(ErrorClassification.NO_ACTION_NEEDED,
            "{0} で原因不明のエラーが発生しました。運用担当が調査します。",
            "An unknown error occurred in {0}. The operator is investigating.");

    private final ErrorClassification classification;
    private final String remedyJa;
    private final String remedyEn;

    ErrorCode(ErrorClassification classification, String remedyJa, String remedyEn) {
        this.classification = classification;
        this.remedyJa = remedyJa;
        this.remedyEn = remedyEn;
    }

    /** The fixed classification of this code. */
    public ErrorClassification classification() {
        return classification;
    }

    /** True when the customer has to act. */
    public boolean actionRequired() {
        return classification == ErrorClassification.ACTION_REQUIRED;
    }

    /**
     * The remedy text for a locale (Japanese for {@code ja}, English otherwise) with {@code {0}} replaced by
     * {@code where}.
     */
    public String remedy(Locale locale, String where) {
        String template = Locales.isJapanese(locale) ? remedyJa : remedyEn;
        return template.replace("{0}", where == null ? "" : where);
    }

    /**
     * What went wrong in one sentence, in Japanese for {@code ja} and English otherwise, with {@code {0}} replaced
     * by {@code where}. A Japanese result mail states its errors with this, since connectors report their own
     * messages in English; the English detail goes to the operator mail and the logs.
     */
    public String summary(Locale locale, String where) {
        boolean ja = Locales.isJapanese(locale);
        String template = switch (this) {
            case LOGIN_FAILED -> ja ? "{0} にログインできませんでした（ログインID・パスワードが受け付けられませんでした）。"
                    : "The login to {0} was refused.";
            case PERMISSION_MISSING -> ja ? "{0} の操作に必要な権限がありませんでした。"
                    : "The account of {0} lacks a permission the operation needs.";
            case UNEXPECTED_SCREEN -> ja ? "{0} のログイン後に確認画面が表示され、先に進めませんでした。"
                    : "After logging in to {0}, a screen that must be confirmed blocked the way.";
            case ACCOUNT_LOCKED -> ja ? "{0} のアカウントがロックされていました。" : "The account of {0} is locked.";
            case MEETING_LINK_REVOKED -> ja ? "{0} の連携が解除されていました。" : "The link to {0} was revoked.";
            case MEETING_HOST_NOT_FOUND -> ja ? "{0} のホストユーザーが見つかりませんでした。"
                    : "The host user of {0} was not found.";
            case CRM_GRANT_MISSING -> ja ? "{0} へのアクセスが許可されていませんでした。"
                    : "Access to {0} has not been granted.";
            case DATA_REJECTED -> ja ? "{0} がデータを受け付けませんでした。" : "{0} rejected the data.";
            case CONFIGURATION_INVALID -> ja ? "{0} の設定に誤りがありました。" : "The settings of {0} are invalid.";
            case UNAVAILABLE -> ja ? "{0} に一時的に接続できませんでした。" : "{0} was temporarily unavailable.";
            case MAINTENANCE -> ja ? "{0} はメンテナンス中でした。" : "{0} was in maintenance.";
            case TIMEOUT -> ja ? "{0} が時間内に応答しませんでした。" : "{0} did not answer in time.";
            case LAYOUT_CHANGED -> ja ? "{0} の画面構成が想定と異なっていました。" : "The pages of {0} did not look as expected.";
            case RATE_LIMITED -> ja ? "{0} のアクセス回数の上限に達しました。" : "{0} limited the request rate.";
            case RESPONSE_TOO_LARGE -> ja ? "{0} の応答が大きすぎたため読み込みを中止しました。"
                    : "{0} answered with more data than allowed.";
            case APPLICANT_INCOMPLETE -> ja ? "{0} の応募データに必要な項目が不足していました。"
                    : "An application on {0} lacked required fields.";
            case INTERNAL -> ja ? "{0} の処理中に内部エラーが発生しました。" : "An internal error occurred while processing {0}.";
            default -> ja ? "{0} で不明なエラーが発生しました。" : "An unknown error occurred in {0}.";
        };
        return template.replace("{0}", where == null ? "" : where);
    }
}
