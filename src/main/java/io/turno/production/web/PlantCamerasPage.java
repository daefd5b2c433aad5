package io.turno.production.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.FiltersCamerasApi.CameraRequest;
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
 * The cameras of the plant's areas as pages: the list (line · area, name, status) and one form to add
 * or change a camera (its area, name, rtsp or http(s) stream address, status), checked by the API's
 * own {@link CameraRequest}.
 */
@Controller
class PlantCamerasPage {

    static final String PATH = "/production/cameras";

    /** The area as typed (its id), so a form the binder could not read keeps every other field. */
    record CameraForm(String areaId, String name, String streamUrl, Boolean active) {

        static CameraForm of(Plant.Camera camera) {
            return new CameraForm(camera.areaId().toString(), camera.name(), camera.streamUrl(), camera.active());
        }

        CameraRequest request(BindingResult result) {
            return new CameraRequest(
                    FormErrors.parse(result, "areaId", areaId, UUID::fromString, "typeMismatch.java.util.UUID"),
                    name,
                    streamUrl == null || streamUrl.isBlank() ? null : streamUrl.strip(),
                    active);
        }
    }

    private final PlantStructure plant;
    private final PageForms forms;

    PlantCamerasPage(PlantStructure plant, PageForms forms) {
        this.plant = plant;
        this.forms = forms;
    }

    @Bean
    static NavigationEntry plantCamerasNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantCameras.nav", PATH, ProductionPermissions.PRODUCTION_READ, 25);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH)
    String list(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("cameras", plant.cameras(caller, null, null, 0, 200).items());
        model.addAttribute("areas", areas(caller));
        return "production/cameras";
    }

    @PreAuthorize("hasAuthority('production:create')")
    @GetMapping(PATH + "/new")
    String newCamera(@AuthenticationPrincipal Actor caller, Model model) {
        model.addAttribute("camera", new CameraForm(null, null, null, true));
        return form(caller, model, null);
    }

    @PreAuthorize("hasAuthority('production:create')")
    @PostMapping(PATH)
    String create(
            @AuthenticationPrincipal Actor caller,
            @ModelAttribute("camera") CameraForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, null, form, result, model, redirect);
    }

    @PreAuthorize("hasAuthority('production:read')")
    @GetMapping(PATH + "/{id}")
    String edit(@AuthenticationPrincipal Actor caller, @PathVariable UUID id, Model model) {
        var camera = plant.camera(caller, id);
        model.addAttribute("camera", CameraForm.of(camera));
        return form(caller, model, camera);
    }

    @PreAuthorize("hasAuthority('production:update')")
    @PostMapping(PATH + "/{id}")
    String update(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @ModelAttribute("camera") CameraForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        return save(caller, plant.camera(caller, id), form, result, model, redirect);
    }

    private String save(
            Actor caller,
            Plant.Camera existing,
            CameraForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        CameraRequest request = form.request(result);
        return forms.submit(
                request,
                result,
                () -> {
                    var saved = plant.saveCamera(caller, existing == null ? null : existing.id(), request.command());
                    return forms.saved(redirect, PATH + "/" + saved.id(), "plantCameras.notice.saved", saved.name());
                },
                // A name already used in the area is a CONFLICT; an area that is not the organization's, NOT_FOUND.
                refused -> refused.code() == ProblemCode.CONFLICT
                        ? "name"
                        : refused.code() == ProblemCode.NOT_FOUND ? "areaId" : null,
                () -> form(caller, model, existing));
    }

    private String form(Actor caller, Model model, Plant.Camera existing) {
        model.addAttribute("existing", existing);
        model.addAttribute("areas", areas(caller));
        return "production/camera-form";
    }

    /** Every area as "line code · area name", by line and name: the choices of the form and the list's labels. */
    private Map<UUID, String> areas(Actor caller) {
        Map<UUID, Plant.Line> lines = plant.lines(caller, null, 0, 1000).items().stream()
                .collect(Collectors.toMap(Plant.Line::id, Function.identity()));
        return plant.areas(caller, null, null, 0, 5000).items().stream()
                .filter(a -> lines.containsKey(a.lineId()))
                .sorted(Comparator.comparing(
                                (Plant.Area a) -> lines.get(a.lineId()).code())
                        .thenComparing(Plant.Area::name))
                .collect(Collectors.toMap(
                        Plant.Area::id,
                        a -> lines.get(a.lineId()).code() + " · " + a.name(),
                        (a, b) -> a,
                        LinkedHashMap::new));
    }
}
