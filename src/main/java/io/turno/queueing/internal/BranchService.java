package io.turno.queueing.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.queueing.internal.ConfigurationFailures.Taken;
import io.turno.queueing.internal.ConfigurationFailures.Unacceptable;
import io.turno.queueing.internal.OpeningHours.Interval;
import io.turno.shared.Actor;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.TimeZones;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's branches (sedes): where queues and desks are, in which time zone and when
 * open. Every change audited with before and after; branches are deactivated, never deleted.
 */
@Service
public class BranchService {

    public record BranchView(
            UUID id,
            String name,
            @Nullable String address,
            String timeZone,
            Map<String, List<Interval>> openingHours,
            CallPolicy callPolicy,
            int maxRecalls,
            int rebalanceThreshold,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {}

    /** A whole branch, as create and replace send it. */
    public record BranchCommand(
            String name,
            String address,
            String timeZone,
            Map<String, List<Interval>> openingHours,
            CallPolicy callPolicy,
            int maxRecalls,
            int rebalanceThreshold,
            boolean active) {

        public BranchCommand {
            name = name == null ? "" : name.strip();
            address = address == null || address.isBlank() ? null : address.strip();
            timeZone = timeZone == null ? "" : timeZone.strip();
        }
    }

    public static final int MAX_RECALLS = 20;
    public static final int MAX_REBALANCE_THRESHOLD = 1000;

    private final Branches branches;
    private final AuditLog audit;

    BranchService(Branches branches, AuditLog audit) {
        this.branches = branches;
        this.audit = audit;
    }

    /** Null when {@code zone} is an IANA time zone (America/Bogota, UTC), else why not. */
    public static String timeZoneProblem(String zone) {
        if (zone == null || zone.isBlank()) {
            return null; // @NotBlank reports it
        }
        return TimeZones.iana(zone).isPresent()
                ? null
                : "«" + zone + "» no es una zona horaria IANA (p. ej. America/Bogota, Europe/Madrid, UTC)";
    }

    @Transactional(readOnly = true)
    public PageResult<BranchView> list(Actor caller, String text, Boolean active, int page, int size) {
        return branches.page(caller.tenantId(), text, active, page, size);
    }

    @Transactional(readOnly = true)
    public BranchView get(Actor caller, UUID id) {
        return branches.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Sede", id));
    }

    @Transactional
    public BranchView create(Actor caller, BranchCommand branch) {
        BranchCommand valid = validated(branch);
        UUID id = UUID.randomUUID();
        try {
            branches.insert(caller.tenantId(), id, valid);
        } catch (DuplicateKeyException e) {
            throw nameTaken(valid);
        }
        BranchView created = get(caller, id);
        record(caller, "CREATE", id, Map.of("after", summary(created)));
        return created;
    }

    /** Replaces every field of the branch. */
    @Transactional
    public BranchView update(Actor caller, UUID id, BranchCommand branch) {
        BranchView before = get(caller, id);
        BranchCommand valid = validated(branch);
        try {
            branches.update(caller.tenantId(), id, valid);
        } catch (DuplicateKeyException e) {
            throw nameTaken(valid);
        }
        BranchView after = get(caller, id);
        var summary = AuditEntry.change(summary(before), summary(after));
        record(caller, "UPDATE", id, summary);
        return after;
    }

    /** The branch stops issuing tickets; its queues, desks and history stay. Already inactive: nothing to do. */
    @Transactional
    public void deactivate(Actor caller, UUID id) {
        BranchView before = get(caller, id);
        if (branches.deactivate(caller.tenantId(), id)) {
            record(caller, "DELETE", id, Map.of("before", summary(before)));
        }
    }

    private static BranchCommand validated(BranchCommand branch) {
        if (branch.name().isEmpty()) {
            throw new Unacceptable("name", "Indica el nombre de la sede.");
        }
        String zone = timeZoneProblem(branch.timeZone());
        if (zone != null || branch.timeZone().isEmpty()) {
            throw new Unacceptable("time_zone", zone == null ? "Indica la zona horaria de la sede." : zone);
        }
        var problems = OpeningHours.problems(branch.openingHours());
        if (!problems.isEmpty()) {
            throw new Unacceptable("opening_hours", String.join("; ", problems));
        }
        if (branch.callPolicy() == null) {
            throw new Unacceptable(
                    "call_policy", "Indica la política de llamado: WEIGHTED_WAIT, FIFO o STRICT_PRIORITY.");
        }
        if (branch.maxRecalls() < 0 || branch.maxRecalls() > MAX_RECALLS) {
            throw new Unacceptable("max_recalls", "Las rellamadas van de 0 a " + MAX_RECALLS + ".");
        }
        if (branch.rebalanceThreshold() < 1 || branch.rebalanceThreshold() > MAX_REBALANCE_THRESHOLD) {
            throw new Unacceptable(
                    "rebalance_threshold", "El umbral de reequilibrio va de 1 a " + MAX_REBALANCE_THRESHOLD + ".");
        }
        return new BranchCommand(
                branch.name(),
                branch.address(),
                branch.timeZone(),
                OpeningHours.normalize(branch.openingHours()),
                branch.callPolicy(),
                branch.maxRecalls(),
                branch.rebalanceThreshold(),
                branch.active());
    }

    private static Taken nameTaken(BranchCommand branch) {
        return new Taken("name", "Ya existe una sede llamada «" + branch.name() + "».");
    }

    private static Map<String, Object> summary(BranchView branch) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("name", branch.name());
        summary.put("address", branch.address());
        summary.put("time_zone", branch.timeZone());
        var hours = new LinkedHashMap<String, String>();
        branch.openingHours().forEach((day, intervals) -> hours.put(day, OpeningHours.formatDay(intervals)));
        summary.put("opening_hours", hours);
        summary.put("call_policy", branch.callPolicy().name());
        summary.put("max_recalls", branch.maxRecalls());
        summary.put("rebalance_threshold", branch.rebalanceThreshold());
        summary.put("active", branch.active());
        return summary;
    }

    private void record(Actor caller, String action, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, "branch", id.toString(), summary));
    }
}
