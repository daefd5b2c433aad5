package io.turno.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.Like;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Cases (procesos): a number unique per tenant, a type, a status, the parties with their contact data, notes. */
@Service
public class Cases {

    public enum CaseStatus {
        OPEN,
        IN_PROGRESS,
        ON_HOLD,
        CLOSED
    }

    public record Party(
            String name,
            @Nullable String role,
            @Nullable String email,
            @Nullable String phone,
            boolean whatsappOptIn) {}

    public record CaseCommand(String number, String type, CaseStatus status, List<Party> parties, String notes) {}

    public record CaseView(
            UUID id,
            String number,
            String type,
            CaseStatus status,
            List<Party> parties,
            @Nullable String notes,
            Instant createdAt,
            Instant updatedAt) {

        /** Whether the party with this phone (compared by digits) agreed to WhatsApp messages. */
        boolean optedIn(String phone) {
            String digits = phone.replaceAll("[^0-9]", "");
            return parties.stream()
                    .anyMatch(p -> p.whatsappOptIn()
                            && p.phone() != null
                            && p.phone().replaceAll("[^0-9]", "").equals(digits));
        }
    }

    static final class NumberTaken extends BusinessException {
        NumberTaken(String number) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "Ya existe un proceso con el número " + number);
        }
    }

    private final CaseStore store;
    private final AuditLog audit;
    private final Clock clock;

    Cases(CaseStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResult<CaseView> list(Actor caller, String text, CaseStatus status, String type, int page, int size) {
        return store.page(caller.tenantId(), Like.containing(text), status, type, page, size);
    }

    @Transactional(readOnly = true)
    public CaseView get(Actor caller, UUID id) {
        return find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Proceso", id));
    }

    Optional<CaseView> find(TenantId tenant, UUID id) {
        return store.find(tenant, id);
    }

    @Transactional
    public CaseView create(Actor caller, CaseCommand command) {
        TenantId tenant = caller.tenantId();
        numberFree(tenant, command.number(), null);
        UUID id = UUID.randomUUID();
        store.insert(
                tenant,
                id,
                command.number().trim(),
                command.type(),
                status(command),
                parties(command),
                command.notes(),
                caller.userId(),
                clock.instant());
        var created = get(caller, id);
        audit.record(new AuditEntry(
                tenant, caller.userId(), caller.username(), "CREATE", "case", id.toString(), summary(created)));
        return created;
    }

    @Transactional
    public CaseView update(Actor caller, UUID id, CaseCommand command) {
        TenantId tenant = caller.tenantId();
        var before = get(caller, id);
        numberFree(tenant, command.number(), id);
        store.update(
                tenant,
                id,
                command.number().trim(),
                command.type(),
                status(command),
                parties(command),
                command.notes(),
                clock.instant());
        var after = get(caller, id);
        audit.record(new AuditEntry(
                tenant,
                caller.userId(),
                caller.username(),
                "UPDATE",
                "case",
                id.toString(),
                AuditEntry.change(summary(before), summary(after))));
        return after;
    }

    private void numberFree(TenantId tenant, String number, UUID self) {
        if (store.numberTaken(tenant, number.trim(), self)) {
            throw new NumberTaken(number);
        }
    }

    private static CaseStatus status(CaseCommand command) {
        return command.status() == null ? CaseStatus.OPEN : command.status();
    }

    private static List<Party> parties(CaseCommand command) {
        return command.parties() == null ? List.of() : command.parties();
    }

    private static Map<String, Object> summary(CaseView c) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("number", c.number());
        summary.put("type", c.type());
        summary.put("status", c.status().name());
        summary.put("parties", c.parties().size());
        return summary;
    }
}
