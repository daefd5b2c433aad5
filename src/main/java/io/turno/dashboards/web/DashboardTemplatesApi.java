package io.turno.dashboards.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.dashboards.internal.DashboardLayout;
import io.turno.dashboards.internal.DashboardTemplates;
import io.turno.dashboards.internal.TemplateVersion;
import io.turno.dashboards.internal.Widget;
import io.turno.dashboards.internal.WidgetCatalog;
import io.turno.identity.CurrentUser;
import io.turno.shared.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The widget catalog and the organization's dashboard template per role: read, save, go back to the built-in one, undo. */
@RestController
@Tag(name = "dashboard templates", description = "The widget catalog and each role's dashboard template")
class DashboardTemplatesApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A catalog entry; {@code name} in the caller's language. */
    record WidgetCatalogEntry(
            String code,
            String name,
            String nameEs,
            String nameEn,
            String kind,
            String sourceModule,
            String permission,
            String audience,
            Map<String, Object> parametersSchema) {}

    /**
     * A role's template in force: BUILT_IN, the organization's own (TENANT) at {@code version}, or, for a custom
     * role without its own, INHERITED (the built-in role's template in force that shows it the most widgets, with
     * only those); {@code version} is then the organization's last revert, if any.
     */
    record DashboardTemplateView(
            String role, String source, @Nullable Integer version, List<DashboardLayout.Placement> widgets) {}

    record DashboardTemplateRequest(List<DashboardLayout.Placement> widgets) {}

    /** One saved version; {@code built_in} when it went back to the built-in template. */
    record DashboardTemplateVersionView(
            int version,
            boolean builtIn,
            @Nullable List<DashboardLayout.Placement> widgets,
            @Nullable String savedByName,
            Instant savedAt,
            @Nullable Instant undoneAt) {}

    private final WidgetCatalog catalog;
    private final DashboardTemplates templates;

    DashboardTemplatesApi(WidgetCatalog catalog, DashboardTemplates templates) {
        this.catalog = catalog;
        this.templates = templates;
    }

    @GetMapping(path = "/api/v1/widget-catalog", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:read')")
    @Operation(summary = "Every widget a dashboard may show, with the JSON Schema of its parameters")
    List<WidgetCatalogEntry> catalog(Locale locale) {
        return catalog.all().stream().map(widget -> entry(widget, locale)).toList();
    }

    @GetMapping(path = "/api/v1/dashboard-templates", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(
            summary = "The template in force for each built-in role, then for each of the organization's custom roles")
    List<DashboardTemplateView> list(@AuthenticationPrincipal Actor caller) {
        return templates.roles(caller.tenantId()).stream()
                .map(role -> view(templates.resolve(caller.tenantId(), role)))
                .toList();
    }

    @GetMapping(path = "/api/v1/dashboard-templates/{role}", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(
            summary = "The role's template in force: a built-in role or one of the organization's custom roles "
                    + "(404 for any other)")
    DashboardTemplateView get(@AuthenticationPrincipal Actor caller, @PathVariable String role) {
        return view(templates.resolve(caller.tenantId(), code(role)));
    }

    @PutMapping(
            path = "/api/v1/dashboard-templates/{role}",
            consumes = "application/json",
            produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(
            summary = "Save the organization's own template for the role as a new version; each widget's "
                    + "parameters must satisfy its catalog schema (422 names the field)")
    DashboardTemplateView save(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable String role,
            @RequestBody DashboardTemplateRequest request)
            throws BindException {
        return view(templates.save(caller, code(role), new DashboardLayout(request.widgets())));
    }

    @DeleteMapping(path = "/api/v1/dashboard-templates/{role}", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(
            summary = "Go back to the built-in template, for a custom role to the inherited one (kept as a new "
                    + "version, so undo brings the own one back)")
    DashboardTemplateView revert(@AuthenticationPrincipal Actor caller, @PathVariable String role) {
        return view(templates.revert(caller, code(role)));
    }

    @GetMapping(path = "/api/v1/dashboard-templates/{role}/versions", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(summary = "Every version the organization saved for the role, newest first, undone ones included")
    List<DashboardTemplateVersionView> versions(@AuthenticationPrincipal Actor caller, @PathVariable String role) {
        return templates.versions(caller.tenantId(), code(role)).stream()
                .map(DashboardTemplatesApi::version)
                .toList();
    }

    @PostMapping(path = "/api/v1/dashboard-templates/{role}/undo", produces = "application/json")
    @PreAuthorize("hasAuthority('dashboards:manage')")
    @Operation(summary = "Undo the version in force: the one before it (or the built-in template) is in force again")
    DashboardTemplateView undo(@AuthenticationPrincipal Actor caller, @PathVariable String role) {
        return view(templates.undo(caller, code(role)));
    }

    private static String code(String role) {
        return role.strip().toUpperCase(Locale.ROOT);
    }

    private static DashboardTemplateView view(DashboardTemplates.Resolved resolved) {
        return new DashboardTemplateView(
                resolved.role(),
                resolved.source().name(),
                resolved.version(),
                resolved.layout().widgets());
    }

    private static DashboardTemplateVersionView version(TemplateVersion version) {
        return new DashboardTemplateVersionView(
                version.version(),
                version.builtIn(),
                version.builtIn() ? null : version.layout().widgets(),
                version.savedByName(),
                version.savedAt(),
                version.undoneAt());
    }

    @SuppressWarnings("unchecked")
    private static WidgetCatalogEntry entry(Widget widget, Locale locale) {
        return new WidgetCatalogEntry(
                widget.code(),
                widget.name(locale),
                widget.nameEs(),
                widget.nameEn(),
                widget.kind().wire(),
                widget.sourceModule(),
                widget.permission(),
                widget.audience(),
                JSON.readValue(widget.parametersSchema(), Map.class));
    }
}
