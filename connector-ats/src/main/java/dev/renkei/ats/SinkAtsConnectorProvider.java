package dev.renkei.ats;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-process ATS connector (id {@code sink}): imports go straight to the host's {@link CandidateSink}. It needs
 * no settings or credentials, and it is registered explicitly, because it wraps a host object:
 * {@code ConnectorRegistry.builder().register(new SinkAtsConnectorProvider(mySink))}. It is not listed for
 * {@link java.util.ServiceLoader} (it has no no-arg constructor).
 *
 * <p>The applicant is passed through as the board gave it (no name/e-mail check: the host decides what it needs).
 */
public final class SinkAtsConnectorProvider implements AtsConnectorProvider {
    /** The default id. */
    public static final String ID = "sink";

    private final String id;
    private final CandidateSink sink;

    /** A provider with the id {@value #ID}. */
    public SinkAtsConnectorProvider(CandidateSink sink) {
        this(ID, sink);
    }

    /** A provider with another id, for hosts with several sinks. */
    public SinkAtsConnectorProvider(String id, CandidateSink sink) {
        if (id == null || !SlotId.MEDIUM.matcher(id).matches()) {
            throw new IllegalArgumentException("sink connector id '" + id + "' is invalid: use lower-case letters, digits and '-'");
        }
        this.id = id;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        return new AtsConnector() {
            @Override
            public void checkLogin() {
                // in-process: nothing to log in to
            }

            @Override
            public Optional<AtsRecord> find(ImportRequest request) {
                return sink.findByKey(request.idempotencyKey()).filter(s -> !s.isBlank()).map(AtsRecord::existing);
            }

            /**
             * Hands the request to the sink. When the key {@linkplain ImportRequest#mayExist() may exist} (a crashed
             * run, an acknowledgement that was lost), asks {@link CandidateSink#findByKey} first and returns the
             * stored id as found, so the engine reports it as recovered rather than imported.
             */
            @Override
            public AtsRecord importApplicant(ImportRequest request) {
                Optional<AtsRecord> found = findIfMayExist(request);
                if (found.isPresent()) {
                    return found.get();
                }
                String candidateId = sink.receive(request);
                if (candidateId == null || candidateId.isBlank()) {
                    throw new ConnectorException(ErrorCode.INTERNAL, "the candidate sink "
                            + sink.getClass().getName() + " returned no candidate id");
                }
                return new AtsRecord(candidateId);
            }
        };
    }
}
