package dev.renkei.media.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.testing.MediaFixture;
import dev.renkei.media.SiteProfileMediaProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A shipped demo profile ({@code demo-html} or {@code demo-csv}) through {@link SiteProfileMediaProvider} against
 * a fresh {@link DemoBoards} with its seeded account (on demo-csv plus C-5004, made earlier on the day of C-5002,
 * so the contract's {@code since} falls between two applications of one day). On demo-html a detail load is one detail page; demo-csv reads
 * every field from its export, so it has none.
 */
public final class DemoBoardFixture implements MediaFixture {
    private final DemoBoards boards;
    private final String board;
    private final SiteProfileMediaProvider provider;

    private DemoBoardFixture(String board) {
        this.board = board;
        this.provider = SiteProfileMediaProvider.demo(board);
        this.boards = DemoBoards.start();
        if (board.equals(DemoBoards.CSV)) {
            // the export filters by day: an earlier application on the day of C-5002 must be filtered by its time
            boards.addApplication(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID,
                    DemoBoards.Application.simple("C-5004", Instant.parse("2026-11-20T01:00:00Z"), "伊藤 さくら"));
        }
    }

    /** The demo-html board (HTML list and detail pages). */
    public static DemoBoardFixture html() {
        return new DemoBoardFixture(DemoBoards.HTML);
    }

    /** The demo-csv board (a CSV export). */
    public static DemoBoardFixture csv() {
        return new DemoBoardFixture(DemoBoards.CSV);
    }

    /** The simulator. */
    public DemoBoards boards() {
        return boards;
    }

    @Override
    public SiteProfileMediaProvider provider() {
        return provider;
    }

    @Override
    public Map<String, String> settings() {
        return boards.config();
    }

    @Override
    public Credentials credentials() {
        return isHtml() ? DemoBoards.htmlCredentials() : DemoBoards.csvCredentials();
    }

    @Override
    public String accountKey() {
        return isHtml() ? DemoBoards.HTML_ACCOUNT_ID : DemoBoards.CSV_ACCOUNT_ID;
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        Credentials good = credentials();
        return Optional.of(new Credentials(good.loginId(), Secret.of("not-the-password"), good.extras()));
    }

    @Override
    public List<Held> applications() {
        return boards.applications(board, credentials().loginId()).stream()
                .map(a -> Held.of(a.id(), a.appliedAt())).toList();
    }

    @Override
    public OptionalInt detailLoads() {
        if (!isHtml()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(boards.server().findAll(getRequestedFor(
                urlPathMatching("/demo-html/applicants/[A-Za-z0-9-]+"))).size());
    }

    private boolean isHtml() {
        return board.equals(DemoBoards.HTML);
    }

    @Override
    public void close() {
        boards.close();
    }
}
