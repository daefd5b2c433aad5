package io.turno.identity.internal;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.CurrentUser;
import io.turno.identity.RoleDeleted;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Named permission sets per tenant, and permissions granted to a user beyond their roles. */
@Service
public class RolesService {

    public record RoleView(
            UUID id, String code, String name, boolean builtIn, SortedSet<String> permissions, long users) {}

    public record EffectivePermissions(
            UUID userId, SortedSet<String> roles, SortedSet<String> explicit, SortedSet<String> effective) {}

    static final class UnknownPermissions extends BusinessException {
        UnknownPermissions(Set<String> unknown) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemCode.VALIDATION_FAILED,
                    "Permisos inexistentes: " + String.join(", ", new TreeSet<>(unknown))
                            + ". Consulta GET /api/v1/permissions.");
        }
    }

    public static final class RoleCodeTaken extends BusinessException {
        RoleCodeTaken(String code) {
            super(HttpStatus.CONFLICT, ProblemCode.CONFLICT, "El rol " + code + " ya existe en la organización.");
        }
    }

    static final class RoleRuleViolation extends BusinessException {
        RoleRuleViolation(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final Roles roles;
    private final IdentityStore store;
    private final AuditLog audit;
    private final PermissionCatalog catalog;
    private final ApplicationEventPublisher events;

    RolesService(
            Roles roles,
            IdentityStore store,
            AuditLog audit,
            PermissionCatalog catalog,
            ApplicationEventPublisher events) {
        this.roles = roles;
        this.store = store;
        this.audit = audit;
        this.catalog = catalog;
        this.events = events;
    }

    public SortedSet<String> catalog() {
        return catalog.all();
    }

    /** The catalog under the module that declares each permission, modules by name. */
    public java.util.SortedMap<String, SortedSet<String>> catalogByModule() {
        return catalog.byModule();
    }

    @Transactional(readOnly = true)
    public java.util.List<RoleView> list(CurrentUser caller) {
        return roles.all(caller.tenantId());
    }

    @Transactional
    public RoleView create(CurrentUser caller, String code, String name, Set<String> permissions) {
        requireKnown(permissions);
        if (roles.codeTaken(caller.tenantId(), code)) {
            throw new RoleCodeTaken(code);
        }
        UUID id = store.createRole(caller.tenantId(), code, name, false, permissions);
        RoleView created = get(caller, id);
        record(caller, "CREATE", "role", id, Map.of("after", created));
        return created;
    }

    @Transactional
    public RoleView update(CurrentUser caller, UUID id, String name, Set<String> permissions) {
        RoleView before = get(caller, id);
        Set<String> wanted = permissions == null ? before.permissions() : permissions;
        requireKnown(wanted);
        if (before.builtIn() && "ADMIN".equals(before.code()) && !wanted.containsAll(catalog.all())) {
            throw new RoleRuleViolation(
                    "El rol ADMIN conserva todos los permisos: sin él nadie podría administrar la organización.");
        }
        roles.update(caller.tenantId(), id, name == null ? before.name() : name, wanted);
        RoleView after = get(caller, id);
        var summary = AuditEntry.change(before, after);
        record(caller, "UPDATE", "role", id, summary);
        return after;
    }

    @Transactional
    public void delete(CurrentUser caller, UUID id) {
        RoleView role = get(caller, id);
        if (role.builtIn()) {
            throw new RoleRuleViolation("El rol " + role.code() + " es de sistema y no se puede eliminar.");
        }
        if (roles.assigned(caller.tenantId(), id)) {
            throw new RoleRuleViolation(
                    "El rol " + role.code() + " está asignado a usuarios; quítaselo antes de eliminarlo.");
        }
        roles.delete(caller.tenantId(), id);
        record(caller, "DELETE", "role", id, Map.of("before", role));
        events.publishEvent(new RoleDeleted(caller.tenantId(), id, role.code()));
    }

    @Transactional
    public EffectivePermissions assign(CurrentUser caller, UUID userId, Set<String> permissions) {
        requireKnown(permissions);
        EffectivePermissions before = effective(caller, userId);
        roles.replaceExplicitPermissions(caller.tenantId(), userId, permissions);
        EffectivePermissions after = effective(caller, userId);
        record(
                caller,
                "UPDATE",
                "permission_grant",
                userId,
                Map.of("before", before.explicit(), "after", after.explicit()));
        return after;
    }

    @Transactional(readOnly = true)
    public EffectivePermissions effective(CurrentUser caller, UUID userId) {
        var account = store.account(caller.tenantId(), userId).orElseThrow(() -> new NotFound("Usuario", userId));
        return new EffectivePermissions(
                userId,
                new TreeSet<>(account.roles()),
                new TreeSet<>(roles.explicitPermissions(caller.tenantId(), userId)),
                new TreeSet<>(account.permissions()));
    }

    private RoleView get(CurrentUser caller, UUID id) {
        return roles.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Rol", id));
    }

    private void requireKnown(Set<String> permissions) {
        var unknown = new TreeSet<>(permissions);
        unknown.removeIf(catalog::contains);
        if (!unknown.isEmpty()) {
            throw new UnknownPermissions(unknown);
        }
    }

    private void record(CurrentUser caller, String action, String entity, UUID id, Map<String, ?> summary) {
        audit.record(AuditEntry.by(caller, action, entity, id.toString(), summary));
    }
}
