package io.turno.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The open Server-Sent Event streams of a live view (a branch's board, an organization's dashboards), by
 * the key its changes are announced under. A stream whose screen went away is dropped at its next write;
 * {@link #heartbeat} writes to every stream now and then, so idle ones are found and proxies keep them open;
 * {@link #completeAll} ends them at shutdown, which would otherwise wait for them.
 */
public final class EventStreams<K> {

    private final Duration timeout;
    private final Map<K, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();

    /** {@code timeout}: when a stream ends by itself; the browser's EventSource opens it again. */
    public EventStreams(Duration timeout) {
        this.timeout = timeout;
    }

    /** A new stream of {@code key}'s events, which starts with {@code first}. */
    public SseEmitter open(K key, SseEventBuilder first) {
        var emitter = new SseEmitter(timeout.toMillis());
        var set = subscribers.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(emitter, first, set);
        return emitter;
    }

    /** Whether a stream of {@code key} is open: what to send need not be computed otherwise. */
    public boolean watched(K key) {
        var set = subscribers.get(key);
        return set != null && !set.isEmpty();
    }

    /** Sends each stream of {@code key} an event of its own (a builder is used up by one send). */
    public void send(K key, Supplier<SseEventBuilder> event) {
        var set = subscribers.get(key);
        if (set != null) {
            set.forEach(emitter -> send(emitter, event.get(), set));
        }
    }

    public void heartbeat() {
        subscribers
                .values()
                .forEach(set ->
                        set.forEach(emitter -> send(emitter, SseEmitter.event().comment("♥"), set)));
    }

    public void completeAll() {
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
    }

    private static void send(SseEmitter emitter, SseEventBuilder event, Set<SseEmitter> set) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException gone) {
            set.remove(emitter);
        }
    }
}
