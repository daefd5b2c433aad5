package io.turno.dashboards.internal;

import java.time.Duration;
import java.util.List;

import io.turno.queueing.QueueChanged;
import io.turno.shared.TenantId;
import io.turno.web.EventStreams;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live dashboards over Server-Sent Events. A stream carries no figures, only a nudge: a {@code changed}
 * event naming the widgets whose figures may have moved, upon which the page asks {@code /refresh} for
 * what changed, computed for its own user, filters and permissions. Queueing announces each committed
 * ticket change on every instance ({@link QueueChanged}, from PostgreSQL's notification), so a dashboard
 * open on one instance hears a ticket issued on another; a nudge goes to the streams of that change's
 * organization only.
 */
@Component
public class DashboardStreams implements SmartLifecycle {

    /** Shorter than the session's idle timeout; the browser's EventSource opens the stream again. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

    /** What a nudge names, the widgets fed by queueing, and where the change happened. */
    record Changed(List<String> widgets, String branchId) {}

    private final EventStreams<TenantId> streams = new EventStreams<>(STREAM_TIMEOUT);
    private final List<String> queueWidgets;
    private volatile boolean running;

    DashboardStreams(OfficeWidgets office) {
        this.queueWidgets = office.codes().stream().sorted().toList();
    }

    /** A stream of the organization's nudges; it opens with a {@code ready} event. */
    public SseEmitter subscribe(TenantId tenant) {
        return streams.open(tenant, SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON));
    }

    @EventListener
    void on(QueueChanged change) {
        var changed = new Changed(queueWidgets, change.branchId().toString());
        streams.send(
                change.tenantId(), () -> SseEmitter.event().name("changed").data(changed, MediaType.APPLICATION_JSON));
    }

    /** As the boards' streams do: idle streams are found, and proxies keep them open. */
    @Scheduled(fixedRate = 15_000, initialDelay = 15_000)
    void heartbeat() {
        streams.heartbeat();
    }

    @Override
    public void start() {
        running = true;
    }

    /** Open streams would hold the server's shutdown until its grace period ends. */
    @Override
    public void stop() {
        running = false;
        streams.completeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
