package io.turno.dashboards.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import io.turno.queueing.QueueChanged;
import io.turno.shared.TenantId;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
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
public class DashboardStreams {

    /** Shorter than the session's idle timeout; the browser's EventSource opens the stream again. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

    /** What a nudge names, the widgets fed by queueing, and where the change happened. */
    record Changed(List<String> widgets, String branchId) {}

    private final Map<TenantId, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final List<String> queueWidgets;

    DashboardStreams(OfficeWidgets office) {
        this.queueWidgets = office.codes().stream().sorted().toList();
    }

    /** A stream of the organization's nudges; it opens with a {@code ready} event. */
    public SseEmitter subscribe(TenantId tenant) {
        var emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        var set = subscribers.computeIfAbsent(tenant, t -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(emitter, SseEmitter.event().name("ready").data("{}", MediaType.APPLICATION_JSON), set);
        return emitter;
    }

    @EventListener
    void on(QueueChanged change) {
        var set = subscribers.get(change.tenantId());
        if (set == null || set.isEmpty()) {
            return;
        }
        var changed = new Changed(queueWidgets, change.branchId().toString());
        set.forEach(emitter ->
                send(emitter, SseEmitter.event().name("changed").data(changed, MediaType.APPLICATION_JSON), set));
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event, Set<SseEmitter> set) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            set.remove(emitter);
        }
    }
}
