package io.turno.shared;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How every instance sees a change to settings it keeps in memory within milliseconds. A module
 * keeps a tenant's settings in a {@link SettingsCache} on a topic (its providers, its plant
 * structure) and the transaction that changes them calls {@link SettingsCache#changed}: channel
 * {@code turno_settings} carries {@code <topic>:<tenant>} to every instance when the transaction
 * commits, and each forgets that tenant in its caches on the topic. The changing instance forgets at
 * once and again when the transaction ends, so it reads its own change without waiting for the
 * notification. While the listener has no connection nothing is served from memory; when it listens
 * again every cache starts empty, since whatever was notified meanwhile is lost.
 */
@Component
public class SettingsChanges implements SmartLifecycle {

    /** An organization's own settings changed: time zone, language, currency, options, active. */
    public static final String TENANT = "tenant";

    static final String CHANNEL = "turno_settings";
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9-]*");

    private final DatabaseChannels channels;
    private final DatabaseChannel channel;
    private final List<SettingsCache<?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    SettingsChanges(DatabaseChannels channels) {
        this.channels = channels;
        this.channel = channels.channel(CHANNEL, new DatabaseChannel.Handler() {
            @Override
            public void listening() {
                caches.forEach(SettingsCache::forgetEverything);
                listening = true;
            }

            @Override
            public void deaf() {
                listening = false;
                caches.forEach(SettingsCache::forgetEverything);
            }

            @Override
            public void notified(List<String> changes) {
                changes.stream().distinct().forEach(SettingsChanges.this::forget);
            }
        });
    }

    /**
     * A cache of per-tenant settings, kept at most {@code ttl} (a safety net: a change reaches it
     * through {@code topic}, or any of {@code alsoOn}, the settings it is derived from).
     */
    public <V> SettingsCache<V> cache(Duration ttl, String topic, String... alsoOn) {
        Set<String> topics = Stream.concat(Stream.of(topic), Stream.of(alsoOn))
                .map(SettingsChanges::checked)
                .collect(Collectors.toSet());
        var cache = new SettingsCache<V>(this, ttl, topic, topics);
        caches.add(cache);
        return cache;
    }

    /**
     * The tenant's settings on {@code topic} change in the current transaction: every instance
     * forgets them when it commits, this one also at once and when it ends.
     */
    public void changed(String topic, TenantId tenant) {
        checked(topic);
        caches.stream()
                .filter(cache -> cache.on(topic))
                .forEach(cache -> cache.forgetNowAndWhenTransactionEnds(tenant));
        channels.notify(CHANNEL, topic + ":" + tenant.value());
    }

    boolean listening() {
        return listening;
    }

    /** A notification's payload, {@code <topic>:<tenant>}; anything else forgets everything. */
    private void forget(String change) {
        int colon = change.indexOf(':');
        try {
            String topic = change.substring(0, colon);
            var tenant = TenantId.of(change.substring(colon + 1));
            caches.stream().filter(cache -> cache.on(topic)).forEach(cache -> cache.forget(tenant));
        } catch (IllegalArgumentException | IndexOutOfBoundsException unknown) {
            caches.forEach(SettingsCache::forgetEverything);
        }
    }

    private static String checked(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a plain topic: " + topic);
        }
        return topic;
    }

    @Override
    public void start() {
        channel.start();
    }

    @Override
    public void stop() {
        channel.stop();
    }

    @Override
    public boolean isRunning() {
        return channel.isRunning();
    }
}
