package dev.renkei.core.mypage;

import dev.renkei.core.support.Checks;

/**
 * The four editable MyPage mails. {@link #defaults()} are Japanese; every template compiles when
 * {@link MyPageService#saveSettings} stores it.
 *
 * @param registrationRequest to the job seeker: the setup link (マイページ登録依頼メール)
 * @param reminder to the job seeker still without a password: a fresh setup link
 * @param duplicateError to the owners of the Person and Resumes: an account with that e-mail exists
 * @param registrationComplete to the owners: the job seeker set a password
 */
public record MyPageTemplates(MailTemplate registrationRequest, MailTemplate reminder, MailTemplate duplicateError,
                              MailTemplate registrationComplete) {
    /** Validates. */
    public MyPageTemplates {
        Checks.notNull(registrationRequest, "registrationRequest");
        Checks.notNull(reminder, "reminder");
        Checks.notNull(duplicateError, "duplicateError");
        Checks.notNull(registrationComplete, "registrationComplete");
    }

    /** The shipped Japanese templates. */
    public static MyPageTemplates defaults() {
        return new MyPageTemplates(
                new MailTemplate("マイページ登録のお願い",
                        "{{name}} 様\n\nマイページのご登録をお願いいたします。下記のURLからパスワードを設定してください。\n"
                                + "{{setupUrl}}\n\nURLの有効期限: {{expiresAt}} (UTC)\n"),
                new MailTemplate("【再送】マイページ登録のお願い",
                        "{{name}} 様\n\nマイページのご登録がまだ完了していません。下記のURLからパスワードを設定してください。\n"
                                + "{{setupUrl}}\n\nURLの有効期限: {{expiresAt}} (UTC)\n"),
                new MailTemplate("【要対応】マイページ登録の重複: {{name}}",
                        "個人連絡先 {{personId}} ({{name}}) のメールアドレス {{email}} は、パスワード設定済みの"
                                + "マイページアカウントで既に使われています。アカウントは作成していません。\n"
                                + "PORTERSのデータを確認・修正してください。\n"),
                new MailTemplate("マイページ登録完了: {{name}}",
                        "個人連絡先 {{personId}} ({{name}}) がマイページの登録を完了しました。\n"));
    }
}
