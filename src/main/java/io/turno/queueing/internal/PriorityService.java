package io.turno.queueing.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.queueing.internal.ConfigurationFailures.RuleViolation;
import io.turno.queueing.internal.ConfigurationFailures.Taken;
import io.turno.queueing.internal.ConfigurationFailures.Unacceptable;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's priorities: a ticket's weight when desks call by weighted waiting time.
 * Exactly one priority is the default (tickets without one get it) and it is always active:
 * making another the default moves the mark, audited on both; the default itself can be neither
 * unmarked nor deactivated.
 */
@Service
public class PriorityService {

    public record PriorityView(
            UUID id,
            String name,
            int weight,
            @Nullable String description,
            @JsonProperty("is_default") boolean isDefault,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    public record PriorityCommand(String name, int weight, String description, boolean isDefault, boolean active) {

        public PriorityCommand {
            name = name == null ? "" : name.strip();
            description = description == null || description.isBlank() ? null : description.strip();
        }
    }

    public static final int MAX_WEIGHT = 100;

    private final Priorities priorities;
    private final AuditLog audit;

    PriorityService(Priorities priorities, AuditLog audit) {
        this.priorities = priorities;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public PageResult<PriorityView> list(Actor caller, String text, Boolean active, int page, int size) {
        return priorities.page(caller.tenantId(), text, active, page, size);
    }

    @Transactional(readOnly = true)
    public PriorityView get(Actor caller, UUID id) {
        return priorities.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Prioridad", id));
    }

    @Transactional
    public PriorityView create(Actor caller, PriorityCommand priority) {
        validate(priority);
        if (priority.isDefault()) {
            moveDefaultAway(caller, null);
        }
        UUID id = UUID.randomUUID();
        try {
            priorities.insert(caller.tenantId(), id, priority);
        } catch (DuplicateKeyException e) {
            throw refused(e, priority);
        }
        PriorityView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces every field; {@code is_default} true takes the mark from the current default. */
    @Transactional
    public PriorityView update(Actor caller, UUID id, PriorityCommand priority) {
        PriorityView before = get(caller, id);
        validate(priority);
        if (before.isDefault() && !priority.isDefault()) {
            throw new RuleViolation("«" + before.name() + "» es la prioridad por defecto: marca otra como "
                    + "predeterminada en lugar de desmarcar esta.");
        }
        if (priority.isDefault() && !before.isDefault()) {
            moveDefaultAway(caller, id);
        }
        try {
            priorities.update(caller.tenantId(), id, priority);
        } catch (DuplicateKeyException e) {
            throw refused(e, priority);
        }
        PriorityView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** Tickets can no longer take it; the default priority cannot be deactivated. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        PriorityView before = get(caller, id);
        if (before.isDefault()) {
            throw defaultStaysActive(before.name());
        }
        if (priorities.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    private static void validate(PriorityCommand priority) {
        if (priority.name().isEmpty()) {
            throw new Unacceptable("name", "Indica el nombre de la prioridad.");
        }
        if (priority.weight() < 1 || priority.weight() > MAX_WEIGHT) {
            throw new Unacceptable("weight", "El peso va de 1 a " + MAX_WEIGHT + ".");
        }
        if (priority.isDefault() && !priority.active()) {
            throw defaultStaysActive(priority.name());
        }
    }

    /** Unmarks the current default (unless it is {@code keep}), audited as its own change. */
    private void moveDefaultAway(Actor caller, UUID keep) {
        TenantId tenant = caller.tenantId();
        var current = priorities.lockDefault(tenant);
        if (current.isEmpty() || current.get().id().equals(keep)) {
            return;
        }
        priorities.clearDefault(tenant);
        PriorityView before = current.get();
        PriorityView after = get(caller, before.id());
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", before.id(), summary);
    }

    private static RuleViolation defaultStaysActive(String name) {
        return new RuleViolation("«" + name + "» es la prioridad por defecto y debe seguir activa: marca otra como "
                + "predeterminada antes de desactivarla.");
    }

    /** The name is taken, or (rarely, with no default to lock) someone else just marked another default. */
    private static BusinessException refused(DuplicateKeyException e, PriorityCommand priority) {
        if (String.valueOf(e.getMessage()).contains(Priorities.ONE_DEFAULT_INDEX)) {
            return new RuleViolation("Otra prioridad acaba de quedar como predeterminada; vuelve a intentarlo.");
        }
        return new Taken("name", "Ya existe una prioridad llamada «" + priority.name() + "».");
    }

    private static Map<String, Object> summary(PriorityView priority) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("name", priority.name());
        summary.put("weight", priority.weight());
        summary.put("description", priority.description());
        summary.put("is_default", priority.isDefault());
        summary.put("active", priority.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "priority", id.toString(), summary));
    }
}
