package dev.renkei.core.sync.internal;

import dev.renkei.core.model.Robot;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.sync.CheckpointHook;
import dev.renkei.core.sync.SyncListener;
import java.time.Clock;
import java.time.Duration;

/** What every slot worker of one run shares. Not API. */
public record RunContext(RenkeiStore store, Robot robot, SyncRun run, AtsConnector ats, SyncListener listener,
                         CheckpointHook checkpoints, Clock clock, Duration overlap, Duration initialLookback,
                         Duration staleAfter) {}
