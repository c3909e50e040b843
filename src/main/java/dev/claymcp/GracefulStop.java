package dev.claymcp;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;

import dev.claymcp.policy.ServerLifecycle;
import dev.claymcp.transport.OpenStreams;

/**
 * The first thing the server does when told to stop (SIGTERM; Quarkus' pre-shutdown, which needs
 * {@code quarkus.shutdown.delay-enabled}): running tool calls are told to stop at their next safe point, they get a
 * bounded time to answer, and then the open event streams are ended, so that the HTTP server's graceful shutdown, which
 * follows, has nothing left to wait for.
 */
@Singleton
public class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    private final ServerLifecycle lifecycle;
    private final OpenStreams streams;

    public GracefulStop(ServerLifecycle lifecycle, OpenStreams streams) {
        this.lifecycle = lifecycle;
        this.streams = streams;
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
        streams.endAll();
    }
}
