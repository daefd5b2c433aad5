package io.turno.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One kind of settings, per tenant, held in memory on this instance and forgotten on every instance
 * when they change (see {@link SettingsChanges}). Made by {@link SettingsChanges#cache}.
 */
public final class SettingsCache<V> {

    private record Entry<V>(V value, long loadedAt) {}

    private final SettingsChanges changes;
    private final long ttlNanos;
    private final String topic;
    private final Set<String> topics;
    private final Map<TenantId, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Moves before every forgetting: what a load read before it must not be kept. */
    private final AtomicLong generation = new AtomicLong();

    SettingsCache(SettingsChanges changes, Duration ttl, String topic, Set<String> topics) {
        this.changes = changes;
        this.ttlNanos = ttl.toNanos();
        this.topic = topic;
        this.topics = Set.copyOf(topics);
    }

    /** The tenant's settings from memory, or from {@code load}, kept unless they changed meanwhile. */
    public V get(TenantId tenant, Function<TenantId, V> load) {
        Entry<V> held = changes.listening() ? entries.get(tenant) : null;
        if (held != null && System.nanoTime() - held.loadedAt() < ttlNanos) {
            return held.value();
        }
        long readAt = generation.get();
        long loadedAt = System.nanoTime();
        V value = load.apply(tenant);
        if (changes.listening() && generation.get() == readAt) {
            entries.put(tenant, new Entry<>(value, loadedAt));
            // A forgetting between the check and the put may have missed this entry.
            if (generation.get() != readAt) {
                entries.remove(tenant);
            }
        }
        return value;
    }

    /** The tenant's settings change in the current transaction: {@link SettingsChanges#changed} on this cache's topic. */
    public void changed(TenantId tenant) {
        changes.changed(topic, tenant);
    }

    boolean on(String topic) {
        return topics.contains(topic);
    }

    void forget(TenantId tenant) {
        generation.incrementAndGet();
        entries.remove(tenant);
    }

    void forgetEverything() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** Forgets now and again when the current transaction ends: reads within it may have kept what it wrote. */
    void forgetNowAndWhenTransactionEnds(TenantId tenant) {
        forget(tenant);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(tenant);
                }
            });
        }
    }
}
