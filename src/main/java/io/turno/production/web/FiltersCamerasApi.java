package io.turno.production.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.shared.Actor;
import io.turno.shared.PageResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The organization's dashboard filters (seed 002's FILTER table: the UI is generated from them) and
 * the cameras of its areas.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/production", produces = "application/json")
@Tag(name = "plant filters", description = "Dashboard filters (configuration) and cameras per area")
class FiltersCamerasApi {

    record FilterRequest(
            @NotBlank @Size(max = 200) String name,

            @Schema(description = "shown on the dashboard; default true")
            Boolean status,

            @Schema(description = "any JSON, e.g. {\"days_back\": 7}")
            JsonNode defaultValue,

            @Schema(
                    description =
                            "how to show it, e.g. {\"type\": \"daterange\", \"required\": true, \"show_time\": true}")
            JsonNode additional,

            @Min(0) @Max(1000) Integer position) {

        Plant.FilterCommand command() {
            return new Plant.FilterCommand(
                    name.strip(), status == null || status, defaultValue, additional, position == null ? 0 : position);
        }
    }

    record CameraRequest(
            @NotNull UUID areaId,
            @NotBlank @Size(max = 200) String name,

            @Size(max = 1000) @Pattern(regexp = "(rtsp|rtsps|http|https)://\\S+", message = "{validation.streamUrl}")
            String streamUrl,

            @Schema(description = "default true") Boolean active) {

        Plant.CameraCommand command() {
            return new Plant.CameraCommand(areaId, name.strip(), streamUrl, active == null || active);
        }
    }

    private final PlantStructure plant;

    FiltersCamerasApi(PlantStructure plant) {
        this.plant = plant;
    }

    @GetMapping("/filters")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(summary = "The dashboard's filters in order (from the metadata cache)")
    List<Plant.Filter> filters(@AuthenticationPrincipal Actor caller) {
        return plant.filters(caller);
    }

    @GetMapping("/filters/{id}")
    @PreAuthorize("hasAuthority('detections:read')")
    @Operation(summary = "One filter")
    Plant.Filter filter(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.filter(caller, id);
    }

    @PostMapping(path = "/filters", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(summary = "Add a filter; its name is unique in the organization")
    Plant.Filter createFilter(@AuthenticationPrincipal Actor caller, @Valid @RequestBody FilterRequest request) {
        return plant.saveFilter(caller, null, request.command());
    }

    @PutMapping(path = "/filters/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the filter with the body")
    Plant.Filter updateFilter(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody FilterRequest request) {
        return plant.saveFilter(caller, id, request.command());
    }

    @DeleteMapping("/filters/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Remove the filter (status=false hides it instead)")
    void deleteFilter(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deleteFilter(caller, id);
    }

    @GetMapping("/cameras")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "Cameras by name, optionally of one area")
    PageResult<Plant.Camera> cameras(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "area_id", required = false) UUID areaId,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return plant.cameras(caller, areaId, active, page, size);
    }

    @GetMapping("/cameras/{id}")
    @PreAuthorize("hasAuthority('production:read')")
    @Operation(summary = "One camera")
    Plant.Camera camera(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        return plant.camera(caller, id);
    }

    @PostMapping(path = "/cameras", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('production:create')")
    @Operation(summary = "Add a camera to an area")
    Plant.Camera createCamera(@AuthenticationPrincipal Actor caller, @Valid @RequestBody CameraRequest request) {
        return plant.saveCamera(caller, null, request.command());
    }

    @PutMapping(path = "/cameras/{id}", consumes = "application/json")
    @PreAuthorize("hasAuthority('production:update')")
    @Operation(summary = "Replace the camera with the body")
    Plant.Camera updateCamera(
            @AuthenticationPrincipal Actor caller, @PathVariable UUID id, @Valid @RequestBody CameraRequest request) {
        return plant.saveCamera(caller, id, request.command());
    }

    @DeleteMapping("/cameras/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('production:delete')")
    @Operation(summary = "Deactivate the camera")
    void deleteCamera(@AuthenticationPrincipal Actor caller, @PathVariable UUID id) {
        plant.deactivate(caller, "camera", id);
    }
}
