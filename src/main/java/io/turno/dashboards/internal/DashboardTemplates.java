package io.turno.dashboards.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.NotFound;
import io.turno.shared.ProblemCode;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BindException;

/**
 * Which template a role's dashboard follows: the organization's own, when it saved one and did not go back,
 * else the built-in one. Saving, going back to the built-in template and undoing each add or close a version,
 * so nothing is ever lost, and each is audited with the change.
 */
@Service
public class DashboardTemplates {

    /** When a user holds several roles, the first of these that has a template decides their dashboard. */
    static final List<String> ROLE_PRECEDENCE =
            List.of("ADMIN", "MANAGER", "SUPERVISOR", "RECEPTIONIST", "THERAPIST", "OPERATOR", "VIEWER", "PATIENT");

    public enum Source {
        BUILT_IN,
        TENANT
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
    /** Every dashboard asks which template is in force; it changes only when an administrator saves one. */
    private final SettingsCache<Map<String, TemplateVersion>> inForce;
    /** Built-in templates change only with a migration, that is with a new start. */
    private final Map<String, DashboardLayout> builtIns = new ConcurrentHashMap<>();

    DashboardTemplates(
            JdbcTemplates templates,
            LayoutValidation validation,
            WidgetCatalog catalog,
            AuditLog audit,
            SettingsChanges changes) {
        this.templates = templates;
        this.validation = validation;
        this.catalog = catalog;
        this.audit = audit;
        this.inForce = changes.cache(Duration.ofMinutes(10), "dashboard-templates");
    }

    public List<String> roles() {
        return templates.builtInRoles();
    }

    @Transactional(readOnly = true)
    public Resolved resolve(TenantId tenant, String role) {
        DashboardLayout builtIn = builtIn(role);
        Optional<TemplateVersion> current =
                Optional.ofNullable(inForce.get(tenant, templates::currentAll).get(role));
        if (current.isEmpty()) {
            return new Resolved(role, Source.BUILT_IN, null, builtIn);
        }
        TemplateVersion version = current.get();
        return version.builtIn()
                ? new Resolved(role, Source.BUILT_IN, version.version(), builtIn)
                : new Resolved(role, Source.TENANT, version.version(), version.layout());
    }

    /**
     * The dashboard of someone holding {@code roles}: the first built-in one by {@link #ROLE_PRECEDENCE}. Someone
     * holding only the organization's own roles gets the built-in role's template in force that shows them the
     * most widgets, by what they {@code may} see (ties to the first by precedence), with only those widgets, named
     * after their first own role (by code); empty when no template shows them anything.
     */
    @Transactional(readOnly = true)
    public Optional<Resolved> resolveFor(TenantId tenant, Collection<String> roles, Predicate<String> may) {
        Optional<String> builtIn =
                ROLE_PRECEDENCE.stream().filter(roles::contains).findFirst();
        if (builtIn.isPresent()) {
            return Optional.of(resolve(tenant, builtIn.get()));
        }
        Optional<String> own = roles.stream().sorted().findFirst();
        if (own.isEmpty()) {
            return Optional.empty();
        }
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
                : Optional.of(new Resolved(own.get(), best.source(), best.version(), new DashboardLayout(shown)));
    }

    @Transactional(readOnly = true)
    public List<TemplateVersion> versions(TenantId tenant, String role) {
        builtIn(role);
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

    /** Back to the built-in template, as a new version (so an undo brings the organization's own back). */
    @Transactional
    public Resolved revert(Actor actor, String role) {
        Resolved before = resolve(actor.tenantId(), role);
        if (before.source() == Source.BUILT_IN) {
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

    private DashboardLayout builtIn(String role) {
        DashboardLayout layout = builtIns.get(role);
        if (layout == null) {
            layout = templates.builtIn(role).orElseThrow(() -> new NotFound("Plantilla de tablero del rol", role));
            builtIns.put(role, layout);
        }
        return layout;
    }

    private void record(Actor actor, String action, String role, Resolved before, Resolved after) {
        audit.record(new AuditEntry(
                actor.tenantId(),
                actor.userId(),
                actor.username(),
                action,
                "dashboard_template",
                role,
                AuditEntry.change(summary(before), summary(after))));
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
