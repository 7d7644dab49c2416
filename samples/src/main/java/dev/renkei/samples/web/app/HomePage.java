package dev.renkei.samples.web.app;

import dev.renkei.samples.sim.Simulators;

/** The top page: what the sample shows and where its simulators run. */
final class HomePage {
    private final WebApp app;

    HomePage(WebApp app) {
        this.app = app;
    }

    void routes(Router router) {
        router.get("/", this::home);
    }

    private Response home(Request r) {
        Simulators s = app.simulators();
        String body = "<p>Renkei を自社の画面に組み込むときの流れを、ローカルのシミュレーターで試せるサンプルです。"
                + "画面はすべて Renkei の API を呼ぶだけで作られています。</p>"
                + "<ul><li><a href=\"/robots\">求人媒体連携ロボット</a>：ロボットの設定、ログイン確認、今すぐ実行、実行履歴</li>"
                + "<li><a href=\"/zoom\">Zoom連携</a>：アカウントの連携、ホストユーザーの選択、面接枠とミーティングURL</li>"
                + "<li><a href=\"/mypage\">マイページ</a>：PORTERS からの取り込み、パスワード設定ページ、会員登録ボタンの表示設定</li>"
                + "<li><a href=\"/mailbox\">受信メール</a>：送信されたメール（結果メール、登録案内など）を確認できます</li></ul>"
                + "<h2>シミュレーター</h2>" + Html.table(java.util.List.of("サービス", "アドレス"), java.util.List.of(
                        java.util.List.of("求人媒体（demo-html, demo-csv）", Html.escape(s.boards().baseUrl())),
                        java.util.List.of("ATS（署名付き Webhook 受信）", Html.escape(s.ats().url())),
                        java.util.List.of("Zoom", Html.escape(s.zoom().server().baseUrl())),
                        java.util.List.of("PORTERS HRBC", Html.escape(s.porters().baseUrl())),
                        java.util.List.of("SMTP", "127.0.0.1:" + s.smtpPort())));
        return Response.html(Html.page(r, "Renkei サンプル", body));
    }
}
