package io.turno.queueing.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.turno.queueing.QueueChanged;
import io.turno.shared.DatabaseChannel;
import io.turno.shared.DatabaseChannels;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import io.turno.web.EventStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live boards over Server-Sent Events. A change to a branch's tickets notifies PostgreSQL channel
 * {@code turno_board} when its transaction commits; every instance listens, so a screen connected
 * to one instance sees a call made on another. Each notified branch's board is computed once and
 * sent to all its subscribers, and {@link QueueChanged} is published on this instance for the other
 * modules' live views (the dashboards).
 */
@Component
public class BoardStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BoardStreams.class);
    /**
     * Shorter than the session idle timeout: a screen's browser reconnects when its stream ends, and
     * each reconnection is a request that keeps the screen's session alive.
     */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final BoardService boards;
    private final EventStreams<String> streams = new EventStreams<>(STREAM_TIMEOUT);
    private final DatabaseChannel channel;

    BoardStreams(BoardService boards, DatabaseChannels channels, ApplicationEventPublisher events) {
        this.boards = boards;
        this.channel = channels.channel("turno_board", new DatabaseChannel.Handler() {
            private long lastBeat = System.nanoTime();

            @Override
            public void notified(List<String> branches) {
                branches.stream().distinct().forEach(key -> {
                    announceQuietly(events, key);
                    publishQuietly(key);
                });
            }

            @Override
            public void tick() {
                if (System.nanoTime() - lastBeat > HEARTBEAT.toNanos()) {
                    streams.heartbeat();
                    lastBeat = System.nanoTime();
                }
            }
        });
    }

    /** A stream that starts with the current board; the caller has checked the branch and the permission. */
    public SseEmitter subscribe(TenantId tenant, UUID branch) {
        return streams.open(key(tenant, branch), event(boards.board(tenant, branch)));
    }

    private void publish(String key) {
        if (!streams.watched(key)) {
            return;
        }
        String[] parts = key.split(":");
        TenantId tenant = new TenantId(UUID.fromString(parts[0]));
        var board = TenantScope.call(tenant, () -> boards.board(tenant, UUID.fromString(parts[1])));
        streams.send(key, () -> event(board));
    }

    private static SseEmitter.SseEventBuilder event(Object board) {
        return SseEmitter.event().name("board").data(board, MediaType.APPLICATION_JSON);
    }

    private void publishQuietly(String key) {
        try {
            publish(key);
        } catch (RuntimeException e) {
            log.warn("Could not refresh board {}: {}", key, e.getMessage());
        }
    }

    /** Tells this instance's listeners; one that fails never keeps the boards from their update. */
    private static void announceQuietly(ApplicationEventPublisher events, String key) {
        try {
            String[] parts = key.split(":");
            events.publishEvent(new QueueChanged(new TenantId(UUID.fromString(parts[0])), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            log.warn("Could not announce the change of {}: {}", key, e.getMessage());
        }
    }

    private static String key(TenantId tenant, UUID branch) {
        return tenant + ":" + branch;
    }

    @Override
    public void start() {
        channel.start();
    }

    @Override
    public void stop() {
        channel.stop();
        streams.completeAll();
    }

    @Override
    public boolean isRunning() {
        return channel.isRunning();
    }
}
