package io.turno.production.web;

import java.util.List;
import java.util.UUID;

import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.PlantStructureApi.AreaRequest;
import io.turno.production.web.PlantStructureApi.LineRequest;
import io.turno.shared.Actor;
import io.turno.shared.ProblemCode;
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
 * The plant's structure as pages: its production lines (code, name, downtime threshold, active) and,
 * on each line's page, its counting areas with a form to add one. The forms are checked by the API's
 * own request records ({@link PlantStructureApi}), so the pages and {@code /api/v1/production} accept
 * the same input; every refusal shows at once beside its field, and what was typed stays.
 */
@Controller
class PlantLinesPage {

    static final String PATH = "/production/lines";

    record LineForm(String code, String name, Boolean active, Integer downtimeThresholdSeconds) {

        static LineForm of(Plant.Line line) {
            return new LineForm(line.code(), line.name(), line.active(), line.downtimeThresholdSeconds());
        }
    }

    record AreaForm(String name, String type) {}

    private final PlantStructure plant;
    private final PageForms forms;

    PlantLinesPage(PlantStructure plant, PageForms forms) {
        this.plant = plant;
        this.forms = forms;
    }

    @Bean
    static NavigationEntry plantLinesNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantLines.nav", PATH, ProductionPermissions.PRODUCTION_READ, 20);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("lines", plant.lines(caller, null, 0, 200).items());
        return "production/lines";
    }

    @PreAuthorize("hasAuthority('production:create')")
    @GetMapping(PATH + "/new")
    String newLine(Model model) {
        model.addAttribute("line", new LineForm(null, null, true, 300));
        return form(model, null, null);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("line") LineForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var line = plant.line(caller, id);
        model.addAttribute("line", LineForm.of(line));
        return form(model, caller, line);
    }

    @PreAuthorize("hasAuthority('production:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("line") LineForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, plant.line(caller, id), form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH + "/{id}/areas")
    String addArea(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("area") AreaForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var line = plant.line(caller, id);
        var request = new AreaRequest(id, form.name(), form.type(), true);
        return forms.submit(
                request,
                result,
                () -> {
                    plant.saveArea(caller, null, request.command());
                    return forms.saved(
                            redirect,
                            PATH + "/" + id,
                            "plantLines.notice.area",
                            form.name().strip());
                },
                refused -> refused.code() == ProblemCode.CONFLICT ? "name" : null,
                () -> {
                    model.addAttribute("line", LineForm.of(line));
                    return form(model, caller, line);
                });
    }

    private String save(
            Actor caller,
            Plant.Line existing,
            LineForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        var request = new LineRequest(form.code(), form.name(), form.active(), form.downtimeThresholdSeconds());
        return forms.submit(
                request,
                result,
                () -> {
                    var saved = plant.saveLine(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantLines.notice.saved", saved.code());
                },
                refused -> refused.code() == ProblemCode.CONFLICT ? "code" : null,
                () -> form(model, caller, existing));
    }

    private String form(Model model, Actor caller, Plant.Line existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("types", List.of(Plant.AreaType.values()));
        if (existing != null) {
            model.addAttribute(
                    "areas", plant.areas(caller, existing.id(), null, 0, 200).items());
            if (!model.containsAttribute("area")) {
                model.addAttribute("area", new AreaForm(null, Plant.AreaType.OUTPUT.name()));
            }
        }
        return "production/line-form";
    }
}
