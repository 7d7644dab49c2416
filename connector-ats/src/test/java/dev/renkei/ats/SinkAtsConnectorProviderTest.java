package dev.renkei.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ConnectorKind;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.spi.ImportRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SinkAtsConnectorProviderTest {
    /** A host table with a unique key column. */
    static final class HostTable implements CandidateSink {
        final Map<String, String> byKey = new LinkedHashMap<>();
        final List<ImportRequest> received = new ArrayList<>();

        @Override
        public String receive(ImportRequest request) {
            received.add(request);
            return byKey.computeIfAbsent(request.idempotencyKey(), k -> "cand-" + (byKey.size() + 1));
        }

        @Override
        public Optional<String> findByKey(String idempotencyKey) {
            return Optional.ofNullable(byKey.get(idempotencyKey));
        }
    }

    private final TestSupport t = new TestSupport();

    @Test
    void passesTheKeyMediumAndApplicantThroughAndFindsByKey() {
        HostTable table = new HostTable();
        AtsConnector c = new SinkAtsConnectorProvider(table).create(ConnectorContext.of(t.http));
        ImportRequest r = TestSupport.request("taro@example.jp", true);

        assertThat(c.find(r)).isEmpty();
        assertThat(c.importApplicant(r).atsId()).isEqualTo("cand-1");

        assertThat(table.received).singleElement().satisfies(got -> {
            assertThat(got.idempotencyKey()).isEqualTo("k-3f9a");
            assertThat(got.medium()).isEqualTo("doda");
            assertThat(got.applicant()).isEqualTo(r.applicant());
        });
        assertThat(c.find(r)).map(x -> x.atsId()).contains("cand-1");
    }

    @Test
    void blankIdFromTheHostIsAnInternalError() {
        CandidateSink broken = new CandidateSink() {
            @Override
            public String receive(ImportRequest request) {
                return " ";
            }

            @Override
            public Optional<String> findByKey(String idempotencyKey) {
                return Optional.empty();
            }
        };
        AtsConnector c = new SinkAtsConnectorProvider(broken).create(ConnectorContext.of(t.http));

        assertThatThrownBy(() -> c.importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    }

    @Test
    void serviceLoaderFindsTheThreeNoArgProvidersAndTheSinkIsRegisteredExplicitly() {
        ConnectorRegistry registry = ConnectorRegistry.builder()
                .discover(getClass().getClassLoader())
                .register(new SinkAtsConnectorProvider(new HostTable()))
                .build();

        assertThat(registry.ids(ConnectorKind.ATS)).contains("webhook", "lever", "greenhouse", "sink");
        assertThat(registry.ats("lever")).get().isInstanceOf(LeverAtsConnectorProvider.class);
    }
}
