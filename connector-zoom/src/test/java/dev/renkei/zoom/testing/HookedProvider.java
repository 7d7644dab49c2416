package dev.renkei.zoom.testing;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnectorProvider;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A meeting provider whose connectors run a hook before and after chosen methods of the real connector (e.g. to
 * pause a refresher with a latch between the steps of a token refresh).
 */
public final class HookedProvider implements MeetingConnectorProvider {
    /** What runs around a call. */
    public interface Hook {
        /** Before the real call. */
        default void before() throws InterruptedException { }

        /** After the real call returned. */
        default void after() throws InterruptedException { }
    }

    private final MeetingConnectorProvider real;
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();

    /** Hooks around {@code real}'s connectors. */
    public HookedProvider(MeetingConnectorProvider real) {
        this.real = real;
    }

    /** Runs {@code hook} around every call of the named {@link MeetingConnector} method. */
    public HookedProvider on(String method, Hook hook) {
        hooks.put(method, hook);
        return this;
    }

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public MeetingConnector create(ConnectorContext context) {
        MeetingConnector c = real.create(context);
        return (MeetingConnector) Proxy.newProxyInstance(MeetingConnector.class.getClassLoader(),
                new Class<?>[] {MeetingConnector.class}, (proxy, method, args) -> {
                    Hook hook = hooks.get(method.getName());
                    if (hook != null) {
                        hook.before();
                    }
                    Object result;
                    try {
                        result = method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (hook != null) {
                        hook.after();
                    }
                    return result;
                });
    }
}
