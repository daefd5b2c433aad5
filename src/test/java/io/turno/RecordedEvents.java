package io.turno;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.context.event.EventListener;

/**
 * Every event of Turno's modules published in the shared test context, in order, from whichever
 * thread published it (an HTTP request's included, which {@code @RecordApplicationEvents} misses).
 * Tests pick out their own by id.
 */
public final class RecordedEvents {

    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(Object event) {
        if (event.getClass().getPackageName().startsWith("io.turno.")) {
            events.add(event);
        }
    }

    public Collection<Object> all() {
        return Collections.unmodifiableCollection(events);
    }
}
