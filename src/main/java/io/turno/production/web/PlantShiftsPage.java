package io.turno.production.web;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.PlantStructureApi.BreakRequest;
import io.turno.production.web.PlantStructureApi.ShiftRequest;
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

/**
 * The plant's shifts as pages: the list, and one form to add or change a shift (name, start, end,
 * breaks, line, status), checked by the API's own {@link ShiftRequest}. A shift is every line's ("all
 * lines", no line) or one line's only.
 */
@Controller
class PlantShiftsPage {

    static final String PATH = "/production/shifts";

    /** Times as typed, so a mistyped one is shown back; breaks as {@code 10:00-10:15, 12:00-12:30}. */
    record ShiftForm(String name, String start, String end, String breaks, Boolean active, String lineId) {

        static ShiftForm of(Plant.Shift shift) {
            return new ShiftForm(
                    shift.name(),
                    shift.start().toString(),
                    shift.end().toString(),
                    shift.breaks().stream().map(b -> b.start() + "-" + b.end()).collect(Collectors.joining(", ")),
                    shift.active(),
                    shift.lineId() == null ? "" : shift.lineId().toString());
        }

        ShiftRequest request(BindingResult result) {
            LocalTime from =
                    FormErrors.parse(result, "start", start, LocalTime::parse, "typeMismatch.java.time.LocalTime");
            LocalTime to = FormErrors.parse(result, "end", end, LocalTime::parse, "typeMismatch.java.time.LocalTime");
            List<BreakRequest> pauses =
                    FormErrors.parse(result, "breaks", breaks, ShiftForm::breaks, "plantShifts.breaks.invalid");
            UUID line = FormErrors.parse(result, "lineId", lineId, UUID::fromString, "typeMismatch.java.util.UUID");
            return new ShiftRequest(name, from, to, pauses, active, line);
        }

        private static List<BreakRequest> breaks(String typed) {
            List<BreakRequest> pauses = new ArrayList<>();
            for (String piece : typed.split(",")) {
                if (piece.isBlank()) {
                    continue;
                }
                String[] ends = piece.strip().split("\\s*-\\s*");
                if (ends.length != 2) {
                    throw new IllegalArgumentException(piece);
                }
                pauses.add(new BreakRequest(LocalTime.parse(ends[0]), LocalTime.parse(ends[1])));
            }
            return pauses;
        }
    }

    private final PlantStructure plant;
    private final PageForms forms;

    PlantShiftsPage(PlantStructure plant, PageForms forms) {
        this.plant = plant;
        this.forms = forms;
    }

    @Bean
    static NavigationEntry plantShiftsNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantShifts.nav", PATH, ProductionPermissions.PRODUCTION_READ, 22);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("shifts", plant.shifts(caller, null, 0, 200).items());
        model.addAttribute("lines", lines(caller, null));
        return "production/shifts";
    }

    @PreAuthorize("hasAuthority('production:create')")
    @GetMapping(PATH + "/new")
    String newShift(@AuthenticationPrincipal Actor caller, Model model) {
        ShiftForm form = new ShiftForm(null, null, null, null, true, "");
        model.addAttribute("shift", form);
        return form(caller, model, form, null);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("shift") ShiftForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var shift = plant.shift(caller, id);
        ShiftForm form = ShiftForm.of(shift);
        model.addAttribute("shift", form);
        return form(caller, model, form, shift);
    }

    @PreAuthorize("hasAuthority('production:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("shift") ShiftForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, plant.shift(caller, id), form, result, model, redirect);
    }

    private String save(
            Actor caller,
            Plant.Shift existing,
            ShiftForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        ShiftRequest request = form.request(result);
        return forms.submit(
                request,
                result,
                () -> {
                    var saved = plant.saveShift(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantShifts.notice.saved", saved.name());
                },
                refused -> refused.code() == ProblemCode.CONFLICT ? "name" : "end",
                () -> form(caller, model, form, existing));
    }

    private String form(Actor caller, Model model, ShiftForm form, Plant.Shift existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("lines", lines(caller, form.lineId()));
        return "production/shift-form";
    }

    /**
     * The organization's lines as "code · name" by code, the choices of the form and the list's labels;
     * with a chosen one that is none of them (refused), that one too, so what was sent stays chosen.
     */
    private Map<String, String> lines(Actor caller, String chosen) {
        Map<String, String> lines = new LinkedHashMap<>();
        plant.lines(caller, null, 0, 1000)
                .items()
                .forEach(l -> lines.put(l.id().toString(), l.code() + " · " + l.name()));
        if (chosen != null && !chosen.isBlank()) {
            lines.putIfAbsent(chosen.strip(), chosen.strip());
        }
        return lines;
    }
}
