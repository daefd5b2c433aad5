package io.turno.dashboards.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.turno.shared.TenantEvent;
import io.turno.shared.TenantId;
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

    private final Cache<Key, Figures> figures;
    private final Map<TenantId, AtomicLong> generations = new ConcurrentHashMap<>();
    private final boolean enabled;

    WidgetFigures(@Value("${turno.dashboards.figures-ttl:PT2S}") Duration timeToLive) {
        this.enabled = timeToLive.isPositive();
        this.figures = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? timeToLive : Duration.ofNanos(1))
                // Entries live 2 s: this bounds only a burst of distinct filters, at a few kB each.
                .maximumSize(5_000)
                .build();
    }

    /** The figures of {@code widget} in {@code context}, computed by {@code compute} unless this generation has them. */
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
        return figures.get(key, k -> Figures.of(compute.get()));
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
