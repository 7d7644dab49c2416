package dev.renkei.porters;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.mypage.LinkStatus;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.RedeemResult;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.TestPostgres;
import dev.renkei.porters.testing.MyPageHarness;
import dev.renkei.porters.testing.PortersSimulator;
import dev.renkei.porters.testing.PortersSimulator.Person;
import dev.renkei.porters.testing.PortersSimulator.Resume;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MyPage batch and setup-link calls through {@code renkei.mypage()}, on PostgreSQL, against the simulator. */
class MyPageSyncTest {
    private static DataSource db;
    private MyPageHarness h;
    private Renkei renkei;
    private MyPageService mypage;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
    }

    @BeforeEach
    void setUp() {
        h = new MyPageHarness(db);
        renkei = h.renkei("a");
        mypage = renkei.mypage();
        mypage.saveSettings(h.tenant, h.settings().build());
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static Person person(long id, String mail) {
        return new Person(id, "求職者" + id, mail, "owner" + id + "@agency.example",
                List.of(new Resume(id + 500_000, "resume-owner" + id + "@agency.example")));
    }

    private List<OutboxMail> seekerMails() {
        return h.mails().stream().filter(m -> m.id().contains(":invite:")).toList();
    }

    @Test
    void opensAnAccountPerJobSeekerAndMailsEachASetupLink() {
        h.sim.add(person(1, "a@example.com"), person(2, " Ｂ@Example.COM "), person(3, "c@example.com"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts()).isEqualTo(new MyPageRun.Counts(3, 3, 0, 0, 3, 0, 0));
        assertThat(h.store.myPage().accounts().findByEmail(h.tenant, "B@example.com"))
                .as("trimmed, NFKC, domain lower-cased").hasValueSatisfying(a -> {
                    assertThat(a.status()).isEqualTo(MyPageAccount.Status.PROVISIONAL);
                    assertThat(a.hasPassword()).isFalse();
                });
        assertThat(mypage.status(h.tokenFor("a@example.com"))).isEqualTo(LinkStatus.VALID);
        assertThat(h.mailsTo("a@example.com").get(0).text()).contains(MyPageHarness.SETUP_URL);
        assertThat(h.resultMail(run).subject()).isEqualTo("マイページ求職者同期 結果");
        assertThat(h.resultMail(run).to()).containsExactly("admin@agency.example");
    }

    @Test
    void theSecondRunCreatesNoAccountAndSendsNoMail() {
        h.sim.addMany(1, 5);
        mypage.runNow(h.tenant);
        int mails = seekerMails().size();

        MyPageRun second = mypage.runNow(h.tenant);

        assertThat(second.counts().created()).isZero();
        assertThat(second.counts().mailsSent()).isZero();
        assertThat(seekerMails()).hasSize(mails).hasSize(5);
    }

    @Test
    void skipsAndReportsMissingAndInvalidEmails() {
        h.sim.add(person(1, null), person(2, "not-an-address"), person(3, "ok@example.com"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.counts().skipped()).isEqualTo(2);
        assertThat(run.counts().created()).isEqualTo(1);
        assertThat(run.errors()).extracting(SyncError::boardApplicationId).containsExactly("1", "2");
        assertThat(run.errors()).allMatch(e -> e.code() == ErrorCode.APPLICANT_INCOMPLETE);
    }

    @Test
    void aRegisteredAccountWithTheSameEmailIsADuplicateAndTheOwnersOfPersonAndResumeAreMailed() {
        h.sim.add(person(1, "same@example.com"));
        mypage.runNow(h.tenant);
        assertThat(mypage.redeem(h.tokenFor("same@example.com"), "password-1".toCharArray()))
                .isEqualTo(RedeemResult.REGISTERED);
        h.sim.add(person(2, "same@example.com"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.counts().duplicates()).isEqualTo(1);
        assertThat(run.counts().created()).isZero();
        assertThat(run.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
            assertThat(e.boardApplicationId()).isEqualTo("2");
        });
        assertThat(h.mails()).filteredOn(m -> m.id().contains(":duplicate:")).singleElement()
                .satisfies(m -> assertThat(m.to()).containsExactly("owner2@agency.example",
                        "resume-owner2@agency.example"));
        assertThat(h.resultMail(run).subject()).startsWith("【要対応】");
        assertThat(seekerMails()).as("the registered seeker gets nothing more").hasSize(1);

        mypage.runNow(h.tenant);
        assertThat(h.mails()).as("the duplicate mail is not repeated").filteredOn(m -> m.id().contains(":duplicate:"))
                .hasSize(1);
    }

    @Test
    void aProvisionalAccountWithAPasswordIsADuplicateToo() throws Exception {
        MyPageAccount host = h.store.myPage().accounts().createProvisional(h.tenant, "prov@example.com");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE renkei_mypage_accounts SET password_hash = 'x' WHERE tenant_id = ? AND account_id = ?")) {
            ps.setString(1, h.tenant.value());
            ps.setString(2, host.id());
            ps.executeUpdate();
        }
        h.sim.add(person(1, "prov@example.com"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.counts().duplicates()).isEqualTo(1);
        assertThat(seekerMails()).isEmpty();
    }

    @Test
    void anExistingAccountWithoutAPasswordIsNotADuplicateButReinvited() {
        h.store.myPage().accounts().createProvisional(h.tenant, "nopw@example.com");
        h.sim.add(person(1, "nopw@example.com"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.counts().duplicates()).isZero();
        assertThat(run.counts().created()).isZero();
        assertThat(run.counts().mailsSent()).isEqualTo(1);
        assertThat(h.mailsTo("nopw@example.com")).hasSize(1);
    }

    @Test
    void aLinkIsValidUntil24HoursAfterIssueAndNotASecondLonger() {
        h.sim.add(person(1, "a@example.com"), person(2, "b@example.com"));
        mypage.runNow(h.tenant);
        String a = h.tokenFor("a@example.com");
        String b = h.tokenFor("b@example.com");

        h.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(mypage.status(a)).isEqualTo(LinkStatus.VALID);
        assertThat(mypage.redeem(a, "password-a".toCharArray())).isEqualTo(RedeemResult.REGISTERED);

        h.clock.advance(Duration.ofSeconds(2));
        assertThat(mypage.status(b)).isEqualTo(LinkStatus.EXPIRED);
        assertThat(mypage.redeem(b, "password-b".toCharArray())).isEqualTo(RedeemResult.EXPIRED);
        assertThat(h.store.myPage().accounts().findByEmail(h.tenant, "b@example.com").orElseThrow().hasPassword())
                .isFalse();
        assertThat(mypage.redeem("x".repeat(43), "password-b".toCharArray())).isEqualTo(RedeemResult.INVALID);
        assertThat(mypage.status("junk")).isEqualTo(LinkStatus.INVALID);
    }

    @Test
    void fiftyParallelRedemptionsOfOneLinkRegisterExactlyOnce() throws Exception {
        h.sim.add(person(1, "a@example.com"));
        mypage.runNow(h.tenant);
        String token = h.tokenFor("a@example.com");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<RedeemResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            char[] pw = ("password-" + i).toCharArray();
            results.add(pool.submit((Callable<RedeemResult>) () -> {
                go.await();
                return mypage.redeem(token, pw);
            }));
        }
        go.countDown();
        List<RedeemResult> outcomes = new ArrayList<>();
        for (Future<RedeemResult> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();

        assertThat(outcomes).filteredOn(r -> r == RedeemResult.REGISTERED).hasSize(1);
        assertThat(outcomes).filteredOn(r -> r == RedeemResult.ALREADY_USED).hasSize(49);
        assertThat(h.mails()).filteredOn(m -> m.id().contains(":complete:")).hasSize(1);
        h.sim.wireMock().verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/candidate")));
        assertThat(mypage.status(token)).isEqualTo(LinkStatus.ALREADY_USED);
    }

    @Test
    void completionMailsTheOwnersAndWritesTheConfiguredStatusBackExactlyOnce() {
        h.sim.add(person(7, "a@example.com"));
        mypage.runNow(h.tenant);

        assertThat(mypage.redeem(h.tokenFor("a@example.com"), "password-7".toCharArray()))
                .isEqualTo(RedeemResult.REGISTERED);

        h.sim.wireMock().verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/candidate"))
                .withRequestBody(equalToXml("<Candidate><Item><Person.P_Id>7</Person.P_Id><Person.U_MyPageStatus>"
                        + "<Option.U_Registered/></Person.U_MyPageStatus></Item></Candidate>")));
        assertThat(h.mails()).filteredOn(m -> m.id().contains(":complete:")).singleElement()
                .satisfies(m -> assertThat(m.to()).containsExactly("owner7@agency.example",
                        "resume-owner7@agency.example"));
        assertThat(h.store.myPage().accounts().findByEmail(h.tenant, "a@example.com").orElseThrow().status())
                .isEqualTo(MyPageAccount.Status.REGISTERED);
        mypage.runNow(h.tenant);
        h.sim.wireMock().verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/candidate")));
    }

    @Test
    void aResumeTargetIsWrittenToEachResumeOfThePerson() {
        mypage.saveSettings(h.tenant, h.settings().writeBack(new dev.renkei.core.spi.JobSeekerConnector.StatusTarget(
                dev.renkei.core.spi.JobSeekerConnector.Resource.RESUME, "Resume.P_Memo", "MyPage登録済", false)).build());
        h.sim.add(new Person(3, "C", "c@example.com", "o@agency.example",
                List.of(new Resume(31, "r@agency.example"), new Resume(32, "r@agency.example"))));
        mypage.runNow(h.tenant);

        mypage.redeem(h.tokenFor("c@example.com"), "password-c".toCharArray());

        h.sim.wireMock().verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/resume"))
                .withRequestBody(equalToXml("<Resume><Item><Resume.P_Id>31</Resume.P_Id><Resume.P_Memo>MyPage登録済"
                        + "</Resume.P_Memo></Item><Item><Resume.P_Id>32</Resume.P_Id><Resume.P_Memo>MyPage登録済"
                        + "</Resume.P_Memo></Item></Resume>")));
        h.sim.wireMock().verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/candidate")));
    }

    @Test
    void aFailedWriteBackIsKeptWithItsCodeAndRetriedByTheNextBatch() {
        h.sim.add(person(1, "a@example.com"), person(2, "b@example.com"));
        mypage.runNow(h.tenant);
        h.sim.failNextWrite(9);
        mypage.redeem(h.tokenFor("a@example.com"), "password-a".toCharArray());
        h.sim.itemFault("2", 126);
        mypage.redeem(h.tokenFor("b@example.com"), "password-b".toCharArray());

        assertThat(mypage.failedWriteBacks(h.tenant)).extracting(WriteBackRecord::personId, WriteBackRecord::status,
                WriteBackRecord::lastCode).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("1", WriteBackRecord.Status.FAILED, "MAINTENANCE"),
                        org.assertj.core.groups.Tuple.tuple("2", WriteBackRecord.Status.FAILED, "126"));

        MyPageRun run = mypage.runNow(h.tenant);

        assertThat(run.counts().writeBacksOk()).isEqualTo(1);
        assertThat(run.counts().writeBacksFailed()).isEqualTo(1);
        assertThat(mypage.failedWriteBacks(h.tenant)).singleElement().satisfies(w -> {
            assertThat(w.personId()).isEqualTo("2");
            assertThat(w.attempts()).isEqualTo(2);
        });
        assertThat(h.sim.writes()).filteredOn(w -> w.id().equals("1") && w.code() == 0).hasSize(1);

        String id = mypage.failedWriteBacks(h.tenant).get(0).id();
        assertThat(mypage.discardWriteBack(h.tenant, id)).isTrue();
        assertThat(mypage.failedWriteBacks(h.tenant)).isEmpty();
        assertThat(mypage.runNow(h.tenant).counts().writeBacksFailed()).isZero();
    }

    @Test
    void remindersGoOutAtTheIntervalEachWithAFreshLinkAndStopAtTheResendCount() {
        mypage.saveSettings(h.tenant, h.settings().reminders(2, Duration.ofDays(2)).build());
        h.sim.add(person(1, "a@example.com"));
        java.time.Instant start = h.clock.instant();
        List<String> tokens = new ArrayList<>();
        for (int day = 0; day < 8; day++) {
            mypage.runNow(h.tenant);
            String t = h.tokenFor("a@example.com");
            if (!tokens.contains(t)) {
                tokens.add(t);
            }
            h.clock.advance(Duration.ofDays(1));
        }

        assertThat(h.mailsTo("a@example.com")).hasSize(3)
                .extracting(OutboxMail::subject).containsExactly("マイページ登録のお願い", "【再送】マイページ登録のお願い",
                        "【再送】マイページ登録のお願い");
        assertThat(h.mailsTo("a@example.com")).as("one mail per interval of 2 days").extracting(OutboxMail::createdAt)
                .containsExactly(start, start.plus(Duration.ofDays(2)), start.plus(Duration.ofDays(4)));
        assertThat(tokens).hasSize(3);
        assertThat(mypage.status(tokens.get(0))).as("a reminder replaces the older link: the page offers a resend")
                .isEqualTo(LinkStatus.EXPIRED);
        assertThat(mypage.redeem(tokens.get(0), "password-1".toCharArray())).isEqualTo(RedeemResult.EXPIRED);
        mypage.resend(tokens.get(0));
        String fresh = h.tokenFor("a@example.com");
        assertThat(fresh).isNotIn(tokens);
        assertThat(mypage.redeem(fresh, "password-1".toCharArray())).isEqualTo(RedeemResult.REGISTERED);
        assertThat(mypage.status(tokens.get(0))).as("after completion every link is spent")
                .isEqualTo(LinkStatus.ALREADY_USED);
    }

    @Test
    void resendMailsAFreshLinkForAnExpiredOneRateLimitedAndAnswersTheSameForUnknownLinks() {
        h.sim.add(person(1, "a@example.com"));
        mypage.runNow(h.tenant);
        String old = h.tokenFor("a@example.com");
        mypage.resend(old);
        assertThat(h.mailsTo("a@example.com")).as("a live link is not resent").hasSize(1);

        h.clock.advance(Duration.ofHours(25));
        mypage.resend(old);
        mypage.resend(old);
        mypage.resend("y".repeat(43));

        assertThat(h.mailsTo("a@example.com")).as("one fresh link; the second call is within the cooldown")
                .hasSize(2);
        String fresh = h.tokenFor("a@example.com");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(mypage.status(fresh)).isEqualTo(LinkStatus.VALID);
        assertThat(mypage.redeem(fresh, "password-1".toCharArray())).isEqualTo(RedeemResult.REGISTERED);
    }

    @Test
    void oneSeekersLinkTouchesOnlyTheirOwnAccount() {
        h.sim.add(person(1, "a@example.com"), person(2, "b@example.com"));
        mypage.runNow(h.tenant);

        mypage.redeem(h.tokenFor("a@example.com"), "password-a".toCharArray());

        assertThat(h.store.myPage().accounts().findByEmail(h.tenant, "b@example.com").orElseThrow().hasPassword())
                .isFalse();
        assertThat(mypage.status(h.tokenFor("b@example.com"))).isEqualTo(LinkStatus.VALID);
    }

    @Test
    void aMissingGrantIsActionRequiredAndMaintenanceIsNot() {
        h.sim.addMany(1, 1);
        h.sim.grantMissing(true);
        MyPageRun denied = mypage.runNow(h.tenant);
        h.sim.grantMissing(false);
        h.sim.maintenance(true);
        MyPageRun maintenance = mypage.runNow(h.tenant);

        assertThat(denied.status()).isEqualTo(RunStatus.FAILED);
        assertThat(denied.errors()).extracting(SyncError::code).containsExactly(ErrorCode.CRM_GRANT_MISSING);
        assertThat(maintenance.errors()).extracting(SyncError::code).containsExactly(ErrorCode.MAINTENANCE);
        assertThat(h.resultMail(denied).subject()).startsWith("【要対応】");
        assertThat(h.resultMail(denied).text()).contains("****エラー詳細****");
        assertThat(h.resultMail(maintenance).subject()).startsWith("【対応不要】");
        h.sim.wireMock().verify(exactly(2), com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/v1/candidate")));  // one refused page per run: no retry loop on billed calls
    }

    @Test
    void settingsArePerTenantWithTheSecretSealed() throws Exception {
        assertThat(mypage.signUpVisible(h.tenant)).isTrue();
        mypage.saveSettings(h.tenant, h.settings().signUpVisible(false).build());
        assertThat(mypage.signUpVisible(h.tenant)).isFalse();
        assertThat(mypage.settings(h.tenant).orElseThrow().credentials().secret().reveal())
                .isEqualTo(PortersSimulator.SECRET);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT settings || credentials FROM renkei_mypage_settings WHERE tenant_id = ?")) {
            ps.setString(1, h.tenant.value());
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getString(1)).doesNotContain(PortersSimulator.SECRET);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM renkei_mypage_tokens WHERE token_hash = ?")) {
            h.sim.add(person(1, "a@example.com"));
            mypage.runNow(h.tenant);
            ps.setString(1, h.tokenFor("a@example.com"));
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).as("the token itself is never stored").isZero();
        }
    }
}
