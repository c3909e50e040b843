package dev.claymcp;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;

import dev.claymcp.policy.ServerLifecycle;
import dev.claymcp.policy.StopHook;

/**
 * The first thing the server does when told to stop (SIGTERM; Quarkus' pre-shutdown, which needs
 * {@code quarkus.shutdown.delay-enabled}): running tool calls are told to stop at their next safe point, they get a
 * bounded time to answer, and then each transport stops its part ({@link StopHook}: the HTTP transport ends its open
 * event streams), so that the HTTP server's graceful shutdown, which follows, has nothing left to wait for.
 */
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    private final ServerLifecycle lifecycle;
    private final Instance<StopHook> transports;

    public GracefulStop(ServerLifecycle lifecycle, @Any Instance<StopHook> transports) {
        this.lifecycle = lifecycle;
        this.transports = transports;
    }

    /** A SIGTERM that came while Quarkus was booting stops it as soon as it is up. */
    void onStarted(@Observes StartupEvent event) {
        if (ClayMcpMain.termReceived) {
            LOG.info("Stopping: SIGTERM arrived while the server was starting");
            Quarkus.asyncExit(0);
        }
    }

    void onStopRequested(@Observes ShutdownDelayInitiatedEvent event) {
        lifecycle.requestStop();
        if (!lifecycle.awaitIdle(ServerLifecycle.FINISH_WAIT)) {
            LOG.warnf("Stopping with %d tool call(s) still running", lifecycle.runningCalls());
        }
        transports.forEach(StopHook::afterCalls);
    }
}
