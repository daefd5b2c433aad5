package io.turno.production.web;

import java.util.UUID;

import io.turno.production.internal.ClientDatabases;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.SourcesApi.SourceRequest;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.ProblemCode;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.PageForms;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organization's own databases as pages: the list, one form to register or change one, checked
 * by the API's {@link SourceRequest} (the host allow-list's refusal shows beside the host), and the
 * verify report. The password is write-only: the form never carries it back, blank keeps the stored one.
 */
@Controller
class PlantSourcesPage {

    static final String PATH = "/production/sources";

    record SourceForm(
            String name,
            String kind,
            String host,
            String port,
            String database,
            String username,
            String password,
            Boolean active) {

        static SourceForm of(ClientDatabases.Source source) {
            return new SourceForm(
                    source.name(),
                    source.kind().name(),
                    source.host(),
                    String.valueOf(source.port()),
                    source.database(),
                    source.username(),
                    null,
                    source.active());
        }

        /** The port is typed as text: a record the binder cannot build would lose every other field. */
        SourceRequest request(BindingResult result) {
            return new SourceRequest(
                    name,
                    kind,
                    host,
                    FormErrors.parse(result, "port", port, Integer::valueOf, "typeMismatch.java.lang.Integer"),
                    database,
                    username,
                    password == null || password.isEmpty() ? null : password,
                    active);
        }
    }

    private final ClientDatabases sources;
    private final PageForms forms;

    PlantSourcesPage(ClientDatabases sources, PageForms forms) {
        this.sources = sources;
        this.forms = forms;
    }

    @Bean
    static NavigationEntry plantSourcesNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantSources.nav", PATH, ProductionPermissions.PRODUCTION_SOURCES, 24);
    }

    @PreAuthorize("hasAuthority('production:sources')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("sources", sources.sources(caller.tenantId(), 0, 200).items());
        return "production/sources";
    }

    @PreAuthorize("hasAuthority('production:sources')")
    @GetMapping(PATH + "/new")
    String newSource(Model model) {
        model.addAttribute("source", new SourceForm(null, "POSTGRESQL", null, "5432", null, null, null, true));
        return form(model, null);
    }

    @PreAuthorize("hasAuthority('production:sources')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("source") SourceForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:sources')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var source = sources.source(caller.tenantId(), id);
        model.addAttribute("source", SourceForm.of(source));
        return form(model, source);
    }

    @PreAuthorize("hasAuthority('production:sources')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("source") SourceForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, sources.source(caller.tenantId(), id), form, result, model, redirect);
    }

    /** Connects to the database now and shows, table by table, what it has and lacks. */
    @PreAuthorize("hasAuthority('production:sources')")
    @PostMapping(PATH + "/{id}/verify")
    String verify(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        model.addAttribute("existing", sources.source(caller.tenantId(), id));
        try {
            model.addAttribute("report", sources.verify(caller.tenantId(), id));
        } catch (BusinessException unreachable) {
            model.addAttribute("failure", unreachable.getMessage());
        }
        return "production/source-verify";
    }

    private String save(
            Actor caller,
            ClientDatabases.Source existing,
            SourceForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        SourceRequest request = form.request(result);
        return forms.submit(
                request,
                result,
                () -> {
                    if (existing == null && request.password() == null) {
                        FormErrors.rejectKey(result, "password", "plantSources.password.required");
                    }
                },
                () -> {
                    var saved = sources.save(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantSources.notice.saved", saved.name());
                },
                // The host allow-list refuses with VALIDATION_FAILED; a name in use is a CONFLICT.
                refused -> refused.code() == ProblemCode.CONFLICT
                        ? "name"
                        : refused.code() == ProblemCode.VALIDATION_FAILED ? "host" : null,
                () -> form(model, existing));
    }

    private String form(Model model, ClientDatabases.Source existing) {
        model.addAttribute("existing", existing);
        return "production/source-form";
    }
}
