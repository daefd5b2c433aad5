package io.turno.dashboards.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Widget figures shared between requests for a moment ({@code turno.dashboards.figures-ttl}, 2 s; 0 turns it
 * off): thirty people looking at the same dashboard cost one computation, not thirty, and the requests that
 * arrive while it runs wait for it instead of running it too.
 *
 * <p>Figures are kept per organization, widget, parameters, filters, language, time zone and day; a widget
 * computed for its reader ({@link WidgetSource#personal}) per reader as well. Every change an organization's
 * modules announce ({@link TenantEvent}) starts a new generation of its figures once its transaction
 * commits, so what a person just saved is on the next dashboard they open from the same instance, and a
 * ticket changed on another instance reaches this one through queueing's {@code QueueChanged}. What no event
 * announces (detections arriving, notifications sent, audit entries) is at most one time-to-live old.
 */
@Component
class WidgetFigures {

    private static final Logger log = LoggerFactory.getLogger(WidgetFigures.class);

    record Key(
            TenantId tenant,
            long generation,
            String widget,
            Map<String, Object> parameters,
            DashboardFilters filters,
            String language,
            ZoneId zone,
            LocalDate today,
            UUID reader) {}

    /** A widget's figures and their fingerprint, which the refresh token is made of. */
    record Figures(WidgetData data, String fingerprint) {

        static Figures of(WidgetData data) {
            return new Figures(data, Dashboards.fingerprint(data));
        }
    }

    /** Figures and when they were computed, by the cache's clock; at most one computation of them runs ahead. */
    private record Entry(Figures figures, long computedAt, AtomicBoolean refreshing) {}

    private final Cache<Key, Entry> figures;
    private final Map<TenantId, AtomicLong> generations = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long refreshAfterNanos;
    /** Computations ahead of time take at most two database connections; without a permit, figures just expire. */
    private final Semaphore ahead = new Semaphore(2);

    private final ExecutorService refreshes = Executors.newVirtualThreadPerTaskExecutor();

    WidgetFigures(@Value("${turno.dashboards.figures-ttl:PT2S}") Duration timeToLive) {
        this.enabled = timeToLive.isPositive();
        this.refreshAfterNanos = timeToLive.toNanos() / 2;
        this.figures = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? timeToLive : Duration.ofNanos(1))
                // Entries live 2 s: this bounds only a burst of distinct filters, at a few kB each.
                .maximumSize(5_000)
                .build();
    }

    /**
     * The figures of {@code widget} in {@code context}, computed by {@code compute} unless this generation has them.
     * Figures past half their time to live are answered as they are while this request's {@code compute} runs
     * again in the background, so readers do not all wait for the same computation every time figures expire.
     */
    Figures get(WidgetContext context, String widget, boolean personal, Supplier<WidgetData> compute) {
        if (!enabled) {
            return Figures.of(compute.get());
        }
        TenantId tenant = context.user().tenantId();
        var key = new Key(
                tenant,
                generation(tenant).get(),
                widget,
                context.parameters(),
                context.filters(),
                context.locale().getLanguage(),
                context.zone(),
                context.today(),
                personal ? context.user().userId() : null);
        Entry held = figures.getIfPresent(key);
        if (held == null) {
            return figures.get(key, k -> computed(compute)).figures();
        }
        if (System.nanoTime() - held.computedAt() >= refreshAfterNanos
                && held.refreshing().compareAndSet(false, true)
                && ahead.tryAcquire()) {
            refreshes.execute(() -> {
                try {
                    figures.asMap().replace(key, held, TenantScope.call(tenant, () -> computed(compute)));
                } catch (RuntimeException e) {
                    // The figures expire as they are, and the next reader computes them.
                    log.debug("Widget {} not computed ahead for tenant {}", widget, tenant, e);
                } finally {
                    ahead.release();
                }
            });
        }
        return held.figures();
    }

    private static Entry computed(Supplier<WidgetData> compute) {
        return new Entry(Figures.of(compute.get()), System.nanoTime(), new AtomicBoolean());
    }

    @PreDestroy
    void stop() {
        refreshes.shutdownNow();
    }

    /**
     * After the change commits: a generation started before the commit could otherwise be filled, by a request
     * reading just before it, with figures that never see the change.
     */
    @EventListener
    void on(TenantEvent change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    generation(change.tenantId()).incrementAndGet();
                }
            });
        } else {
            generation(change.tenantId()).incrementAndGet();
        }
    }

    private AtomicLong generation(TenantId tenant) {
        return generations.computeIfAbsent(tenant, t -> new AtomicLong());
    }
}
