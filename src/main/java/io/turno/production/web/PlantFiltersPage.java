package io.turno.production.web;

import java.util.UUID;

import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.FiltersCamerasApi.FilterRequest;
import io.turno.shared.Actor;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plant dashboard's filters (seed 002's FILTER rows) as pages: the list in the dashboard's order,
 * and one form to add or change a filter (name, shown or hidden, position, default value and how it
 * is shown, both as JSON), checked by the API's own {@link FilterRequest}.
 */
@Controller
class PlantFiltersPage {

    static final String PATH = "/production/filters";

    /** The JSON and the position as typed, so what cannot be read is shown back as it was. */
    record FilterForm(String name, Boolean status, String position, String defaultValue, String additional) {

        static FilterForm of(Plant.Filter filter) {
            return new FilterForm(
                    filter.name(),
                    filter.status(),
                    String.valueOf(filter.position()),
                    text(filter.defaultValue()),
                    text(filter.additional()));
        }

        /** A JSON object, as the API documents both fields: any other JSON is refused like unreadable JSON. */
        private static JsonNode object(JsonMapper json, String typed) {
            JsonNode node = json.readTree(typed);
            if (!node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        }

        private static String text(JsonNode json) {
            return json == null || json.isNull() ? null : json.toString();
        }

        FilterRequest request(BindingResult result, JsonMapper json) {
            return new FilterRequest(
                    name,
                    status,
                    FormErrors.parse(
                            result,
                            "defaultValue",
                            defaultValue,
                            typed -> object(json, typed),
                            "plantFilters.json.invalid"),
                    FormErrors.parse(
                            result,
                            "additional",
                            additional,
                            typed -> object(json, typed),
                            "plantFilters.json.invalid"),
                    FormErrors.parse(result, "position", position, Integer::valueOf, "typeMismatch.java.lang.Integer"));
        }
    }

    private final PlantStructure plant;
    private final PageForms forms;
    private final JsonMapper json;

    PlantFiltersPage(PlantStructure plant, PageForms forms, JsonMapper json) {
        this.plant = plant;
        this.forms = forms;
        this.json = json;
    }

    @Bean
    static NavigationEntry plantFiltersNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantFilters.nav", PATH, ProductionPermissions.PRODUCTION_READ, 23);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("filters", plant.filters(caller));
        return "production/filters";
    }

    @PreAuthorize("hasAuthority('production:create')")
    @GetMapping(PATH + "/new")
    String newFilter(@AuthenticationPrincipal Actor caller, Model model) {
        String next = String.valueOf(plant.filters(caller).stream()
                .mapToInt(f -> f.position() + 1)
                .max()
                .orElse(0));
        model.addAttribute("filter", new FilterForm(null, true, next, null, null));
        return form(model, null);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("filter") FilterForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var filter = plant.filter(caller, id);
        model.addAttribute("filter", FilterForm.of(filter));
        return form(model, filter);
    }

    @PreAuthorize("hasAuthority('production:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("filter") FilterForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, plant.filter(caller, id), form, result, model, redirect);
    }

    private String save(
            Actor caller,
            Plant.Filter existing,
            FilterForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        FilterRequest request = form.request(result, json);
        return forms.submit(
                request,
                result,
                () -> {
                    var saved = plant.saveFilter(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantFilters.notice.saved", saved.name());
                },
                refused -> refused.code() == ProblemCode.CONFLICT ? "name" : null,
                () -> form(model, existing));
    }

    private String form(Model model, Plant.Filter existing) {
        model.addAttribute("existing", existing);
        return "production/filter-form";
    }
}
