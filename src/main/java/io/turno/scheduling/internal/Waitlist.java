package io.turno.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.WaitlistSlotOffered;
import io.turno.scheduling.internal.AppointmentAccess.Scope;
import io.turno.shared.Actor;
import io.turno.shared.LinkSecrets;
import io.turno.shared.NotFound;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients waiting for a practitioner's freed time. A freed slot is offered to the first in line
 * whose date range holds it and whose service fits in it: recorded on the entry and published as
 * {@link WaitlistSlotOffered} with a one-time link that books it ({@link WaitlistOffers}), working
 * for {@code turno.scheduling.waitlist.offer-valid-for} (2 h by default, never past the slot's start).
 * An offer left to expire is not passed on to the next in line (no job watches expiries yet).
 */
@Component
public class Waitlist {

    public enum Status {
        WAITING,
        OFFERED,
        BOOKED,
        WITHDRAWN
    }

    public record Entry(
            UUID id,
            UUID patientId,
            UUID therapistId,
            UUID serviceId,
            LocalDate dateFrom,
            LocalDate dateTo,
            Status status,
            @Nullable OffsetDateTime offeredStart,
            @Nullable OffsetDateTime offeredEnd,
            Instant createdAt) {}

    private final WaitlistEntries entries;
    private final AppointmentAccess access;
    private final Customers customers;
    private final PractitionerService practitioners;
    private final ServiceCatalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration offerValidFor;

    Waitlist(
            WaitlistEntries entries,
            AppointmentAccess access,
            Customers customers,
            PractitionerService practitioners,
            ServiceCatalog catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${turno.scheduling.waitlist.offer-valid-for:PT2H}") Duration offerValidFor) {
        this.offerValidFor = offerValidFor;
        this.entries = entries;
        this.access = access;
        this.customers = customers;
        this.practitioners = practitioners;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Entry join(
            CurrentUser caller, UUID patientId, UUID therapistId, UUID serviceId, LocalDate from, LocalDate to) {
        Scope scope = access.scope(caller);
        if (patientId == null || !scope.actsFor(patientId)) {
            throw new NotFound("Paciente", patientId);
        }
        customers.find(caller.tenantId(), patientId).orElseThrow(() -> new NotFound("Paciente", patientId));
        var practitioner = practitioners.get(caller.tenantId(), therapistId);
        practitioners.bookableService(caller.tenantId(), practitioner, serviceId);
        AppointmentQueries.checkRange(from, to);
        UUID id = UUID.randomUUID();
        entries.insert(caller.tenantId(), id, patientId, practitioner.id(), serviceId, from, to);
        var entry = find(caller.tenantId(), id);
        record(caller, "CREATE", entry, Map.of("after", summary(entry)));
        return entry;
    }

    /** The caller's own entries, or every entry for who sees every appointment; newest first. */
    @Transactional(readOnly = true)
    public List<Entry> entries(CurrentUser caller, UUID therapistId) {
        Scope scope = access.scope(caller);
        if (scope.all()) {
            return entries.list(caller.tenantId(), null, therapistId);
        }
        return scope.customerId() == null
                ? List.of()
                : entries.list(caller.tenantId(), scope.customerId(), therapistId);
    }

    @Transactional
    public void leave(CurrentUser caller, UUID entryId) {
        Scope scope = access.scope(caller);
        var entry = find(caller.tenantId(), entryId);
        if (!scope.actsFor(entry.patientId())) {
            throw new NotFound("Lista de espera", entryId);
        }
        if (entries.withdraw(caller.tenantId(), entry.id())) {
            record(caller, "DELETE", entry, Map.of("before", summary(entry)));
        }
    }

    /**
     * Offers the time {@code freed} held to the first waiting patient it suits, in the caller's
     * transaction. Entries being offered by a concurrent cancellation are skipped, not waited for.
     */
    void offer(TenantId tenant, AppointmentView freed, Actor caller) {
        ZoneId zone = ZoneId.of(freed.timeZone());
        Instant start = freed.start().toInstant();
        if (!start.isAfter(clock.instant())) {
            return;
        }
        Duration length = Duration.between(start, freed.end().toInstant());
        LocalDate day = freed.start().toLocalDate();
        for (Entry candidate : entries.waitingOn(tenant, freed.therapistId(), day)) {
            Integer minutes = catalog.find(tenant, candidate.serviceId())
                    .map(ServiceView::durationMinutes)
                    .orElse(null);
            if (minutes == null || Duration.ofMinutes(minutes).compareTo(length) > 0) {
                continue;
            }
            Instant end = start.plus(Duration.ofMinutes(minutes));
            // The link works for offerValidFor, and never past the slot's start.
            Instant expires = clock.instant().plus(offerValidFor);
            expires = expires.isAfter(start) ? start : expires;
            String secret = LinkSecrets.random();
            entries.offer(
                    tenant,
                    candidate.id(),
                    OffsetDateTime.ofInstant(start, zone),
                    OffsetDateTime.ofInstant(end, zone),
                    LinkSecrets.sha256(secret),
                    expires);
            var offered = find(tenant, candidate.id());
            record(caller, "OFFER", offered, AuditEntry.change(summary(candidate), summary(offered)));
            events.publishEvent(new WaitlistSlotOffered(
                    tenant,
                    candidate.id(),
                    candidate.patientId(),
                    freed.therapistId(),
                    freed.therapistUserId(),
                    candidate.serviceId(),
                    start,
                    end,
                    zone,
                    WaitlistOffers.PATH + secret,
                    expires));
            return;
        }
    }

    private Entry find(TenantId tenant, UUID id) {
        return entries.find(tenant, id).orElseThrow(() -> new NotFound("Lista de espera", id));
    }

    private static Map<String, Object> summary(Entry e) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("patient_id", e.patientId().toString());
        summary.put("therapist_id", e.therapistId().toString());
        summary.put("service_id", e.serviceId().toString());
        summary.put("date_from", e.dateFrom().toString());
        summary.put("date_to", e.dateTo().toString());
        summary.put("status", e.status().name());
        if (e.offeredStart() != null) {
            summary.put("offered_start", e.offeredStart().toString());
        }
        return summary;
    }

    private void record(Actor caller, String action, Entry entry, Map<String, ?> summary) {
        audit.record(new AuditEntry(
                caller.tenantId(),
                caller.userId(),
                caller.username(),
                action,
                "waitlist_entry",
                entry.id().toString(),
                summary));
    }
}
