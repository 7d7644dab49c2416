package dev.renkei.core.spi.discovery;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import java.util.concurrent.atomic.AtomicInteger;

/** A well-behaved media provider that counts how often it is constructed and asked to create. */
public class GoodBoardProvider implements MediaConnectorProvider {
    public static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    public static final AtomicInteger CREATED = new AtomicInteger();

    public GoodBoardProvider() {
        CONSTRUCTED.incrementAndGet();
    }

    @Override
    public String id() {
        return "good-board";
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        CREATED.incrementAndGet();
        return credentials -> {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "test board");
        };
    }
}
