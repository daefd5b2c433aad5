package io.turno.dashboards.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.identity.RoleDeleted;
import io.turno.identity.RoleDirectory;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.http.HttpStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/**
 * Which template a role's dashboard follows: the organization's own, when it saved one and did not go back,
 * else the built-in one. A custom role of the organization has no built-in template: until the organization
 * saves one of its own (and again after going back), it inherits the built-in role's template in force that
 * shows its permissions the most widgets, with only those. Saving, going back and undoing each add or close a
 * version, so nothing is ever lost, and each is audited with the change.
 */
@Service
public class DashboardTemplates {

    /** When a user holds several roles, the first of these that has a template decides their dashboard. */
    static final List<String> ROLE_PRECEDENCE =
            List.of("ADMIN", "MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR", "VIEWER", "PATIENT");

    /**
     * BUILT_IN: a built-in role's built-in template; TENANT: the organization's own; INHERITED: a custom role
     * without its own template, following the built-in role's template that shows it the most widgets.
     */
    public enum Source {
        BUILT_IN,
        TENANT,
        INHERITED
    }

    /** {@code version} is the organization's version in force, null when it never saved one. */
    public record Resolved(String role, Source source, Integer version, DashboardLayout layout) {}

    static final class NothingToUndo extends BusinessException {
        NothingToUndo(String role) {
            super(
                    HttpStatus.CONFLICT,
                    ProblemCode.CONFLICT,
                    "El tablero de " + role + " no tiene una versión propia que deshacer.");
        }
    }

    private final JdbcTemplates templates;
    private final LayoutValidation validation;
    private final WidgetCatalog catalog;
    private final AuditLog audit;
    private final RoleDirectory directory;
    /** Every dashboard asks which template is in force; it changes only when an administrator saves one. */
    private final SettingsCache<Map<String, TemplateVersion>> inForce;
    /** Built-in templates change only with a migration, that is with a new start. */
    private final Map<String, DashboardLayout> builtIns = new ConcurrentHashMap<>();

    DashboardTemplates(
            JdbcTemplates templates,
            LayoutValidation validation,
            WidgetCatalog catalog,
            AuditLog audit,
            RoleDirectory directory,
            SettingsChanges changes) {
        this.templates = templates;
        this.validation = validation;
        this.catalog = catalog;
        this.audit = audit;
        this.directory = directory;
        this.inForce = changes.cache(Duration.ofMinutes(10), "dashboard-templates");
    }

    /**
     * A deleted custom role's versions go with it, so a role created later under its code starts from the
     * built-in templates instead of finding another role's dashboard.
     */
    @ApplicationModuleListener
    void on(RoleDeleted deleted) {
        TenantScope.run(deleted.tenantId(), () -> {
            templates.deleteAll(deleted.tenantId(), deleted.code());
            inForce.changed(deleted.tenantId());
        });
    }

    /** The built-in roles, each with its built-in template. */
    public List<String> roles() {
        return templates.builtInRoles();
    }

    /** The roles whose template the organization may edit: the built-in ones, then its custom roles by code. */
    @Transactional(readOnly = true)
    public List<String> roles(TenantId tenant) {
        List<String> roles = new ArrayList<>(roles());
        customRoles(tenant).forEach(role -> roles.add(role.code()));
        return roles;
    }

    /** The organization's custom roles, by code. */
    @Transactional(readOnly = true)
    public List<RoleDirectory.RoleSummary> customRoles(TenantId tenant) {
        return directory.customRoles(tenant);
    }

    /** The permissions the organization's role grants (none for a role it does not have). */
    @Transactional(readOnly = true)
    public Set<String> permissionsOf(TenantId tenant, String role) {
        return directory
                .role(tenant, role)
                .<Set<String>>map(RoleDirectory.RoleSummary::permissions)
                .orElse(Set.of());
    }

    /**
     * The role's template in force.
     *
     * @throws NotFound for a role that is neither built-in nor one of the organization's own
     */
    @Transactional(readOnly = true)
    public Resolved resolve(TenantId tenant, String role) {
        Optional<DashboardLayout> known = builtIn(role);
        if (known.isEmpty()) {
            return resolveCustom(tenant, role);
        }
        DashboardLayout builtIn = known.get();
        Optional<TemplateVersion> current = current(tenant, role);
        if (current.isEmpty()) {
            return new Resolved(role, Source.BUILT_IN, null, builtIn);
        }
        TemplateVersion version = current.get();
        return version.builtIn()
                ? new Resolved(role, Source.BUILT_IN, version.version(), builtIn)
                : new Resolved(role, Source.TENANT, version.version(), version.layout());
    }

    /**
     * The dashboard of someone holding {@code roles}. A custom role's own template comes first (the organization
     * made it for exactly these people; among several such roles, the first by code). Then the first built-in
     * role by {@link #ROLE_PRECEDENCE}. Someone holding only custom roles without their own template gets the
     * built-in role's template in force that shows them the most widgets, by what they {@code may} see (ties to
     * the first by precedence), with only those widgets, named after their first own role (by code); empty when
     * no template shows them anything.
     */
    @Transactional(readOnly = true)
    public Optional<Resolved> resolveFor(TenantId tenant, Collection<String> roles, Predicate<String> may) {
        List<String> own = roles.stream()
                .filter(role -> !ROLE_PRECEDENCE.contains(role))
                .sorted()
                .toList();
        for (String role : own) {
            Optional<TemplateVersion> current = current(tenant, role).filter(v -> !v.builtIn());
            if (current.isPresent()) {
                return Optional.of(new Resolved(
                        role,
                        Source.TENANT,
                        current.get().version(),
                        current.get().layout()));
            }
        }
        Optional<String> builtIn =
                ROLE_PRECEDENCE.stream().filter(roles::contains).findFirst();
        if (builtIn.isPresent()) {
            return Optional.of(resolve(tenant, builtIn.get()));
        }
        if (own.isEmpty()) {
            return Optional.empty();
        }
        return inherited(tenant, may)
                .map(best -> new Resolved(own.getFirst(), best.source(), best.version(), best.layout()));
    }

    @Transactional(readOnly = true)
    public List<TemplateVersion> versions(TenantId tenant, String role) {
        resolve(tenant, role);
        return templates.versions(tenant, role);
    }

    /** @throws BindException (422) naming each field at fault; nothing is saved then */
    @Transactional(rollbackFor = BindException.class)
    public Resolved save(Actor actor, String role, DashboardLayout layout) throws BindException {
        Resolved before = resolve(actor.tenantId(), role);
        validation.check(layout);
        templates.append(actor.tenantId(), role, layout, actor);
        inForce.changed(actor.tenantId());
        Resolved after = resolve(actor.tenantId(), role);
        record(actor, "dashboard_template.saved", role, before, after);
        return after;
    }

    /**
     * Back to the built-in template (for a custom role: back to the inherited one), as a new version (so an undo
     * brings the organization's own back).
     */
    @Transactional
    public Resolved revert(Actor actor, String role) {
        Resolved before = resolve(actor.tenantId(), role);
        if (before.source() != Source.TENANT) {
            return before;
        }
        templates.append(actor.tenantId(), role, null, actor);
        inForce.changed(actor.tenantId());
        Resolved after = resolve(actor.tenantId(), role);
        record(actor, "dashboard_template.reverted", role, before, after);
        return after;
    }

    /** Takes the version in force back; the one before it (or the built-in template) is in force again. */
    @Transactional
    public Resolved undo(Actor actor, String role) {
        Resolved before = resolve(actor.tenantId(), role);
        TemplateVersion current = templates.current(actor.tenantId(), role).orElseThrow(() -> new NothingToUndo(role));
        templates.markUndone(actor.tenantId(), role, current.version());
        inForce.changed(actor.tenantId());
        Resolved after = resolve(actor.tenantId(), role);
        record(actor, "dashboard_template.undone", role, before, after);
        return after;
    }

    /** A custom role of the organization: its own template in force, else the one it inherits. */
    private Resolved resolveCustom(TenantId tenant, String role) {
        RoleDirectory.RoleSummary custom = directory
                .role(tenant, role)
                .filter(found -> !found.builtIn())
                .orElseThrow(() -> new NotFound("Plantilla de tablero del rol", role));
        Optional<TemplateVersion> current = current(tenant, role);
        if (current.isPresent() && !current.get().builtIn()) {
            return new Resolved(
                    role, Source.TENANT, current.get().version(), current.get().layout());
        }
        DashboardLayout inherited = inherited(tenant, custom.permissions()::contains)
                .map(Resolved::layout)
                .orElse(new DashboardLayout(List.of()));
        return new Resolved(
                role, Source.INHERITED, current.map(TemplateVersion::version).orElse(null), inherited);
    }

    /**
     * The built-in role's template in force that shows the most widgets to whoever {@code may} see them (ties to
     * the first by precedence), with only those widgets; empty when none shows anything.
     */
    private Optional<Resolved> inherited(TenantId tenant, Predicate<String> may) {
        Resolved best = null;
        List<DashboardLayout.Placement> shown = List.of();
        for (String role : ROLE_PRECEDENCE) {
            Resolved candidate = resolve(tenant, role);
            List<DashboardLayout.Placement> visible = candidate.layout().widgets().stream()
                    .filter(p -> catalog.find(p.widget())
                            .map(w -> may.test(w.permission()))
                            .orElse(false))
                    .toList();
            if (visible.size() > shown.size()) {
                best = candidate;
                shown = visible;
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(new Resolved(best.role(), best.source(), best.version(), new DashboardLayout(shown)));
    }

    /** The organization's version in force of the role's template, from memory. */
    private Optional<TemplateVersion> current(TenantId tenant, String role) {
        return Optional.ofNullable(inForce.get(tenant, templates::currentAll).get(role));
    }

    /** The role's built-in template; none for a custom role. */
    private Optional<DashboardLayout> builtIn(String role) {
        DashboardLayout layout = builtIns.get(role);
        if (layout == null) {
            Optional<DashboardLayout> read = templates.builtIn(role);
            read.ifPresent(found -> builtIns.put(role, found));
            return read;
        }
        return Optional.of(layout);
    }

    private void record(Actor actor, String action, String role, Resolved before, Resolved after) {
        audit.record(AuditEntry.by(
                actor, action, "dashboard_template", role, AuditEntry.change(summary(before), summary(after))));
    }

    private static Map<String, Object> summary(Resolved resolved) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", resolved.source().name());
        summary.put("version", resolved.version());
        summary.put(
                "widgets",
                resolved.layout().widgets().stream()
                        .map(DashboardLayout.Placement::widget)
                        .toList());
        return summary;
    }
}
