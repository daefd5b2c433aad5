package io.turno.production.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.turno.production.internal.Downtime;
import io.turno.production.internal.Plant;
import io.turno.production.internal.PlantStructure;
import io.turno.production.internal.ProductionPermissions;
import io.turno.production.web.KpisApi.ReasonRequest;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import io.turno.web.Formatting;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.Validator;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The plant's stops ({@code /production/downtime}, menu Planta): one line's stops over whole days of the
 * organization's zone, the last 7 by default, newest first, the one going on now ahead of them; whoever
 * holds {@code downtime:update} says why each recorded stop happened, through the API's own
 * {@link ReasonRequest} and {@link Downtime#explain} (audited alike), and comes back to the same list.
 */
@Controller
class PlantStopsPage {

    static final String PATH = "/production/downtime";

    private static final int PAGE_SIZE = 50;
    private static final int DEFAULT_DAYS = 7;

    /** What was typed as the reason, shown back when refused. */
    record ReasonForm(String reason) {}

    /** The list's filters as the page settled them. */
    record Filters(UUID lineId, LocalDate from, LocalDate to, int page) {

        String query() {
            return UriComponentsBuilder.newInstance()
                    .queryParam("line_id", lineId)
                    .queryParam("from", from)
                    .queryParam("to", to)
                    .queryParamIfPresent("page", java.util.Optional.of(page).filter(p -> p > 0))
                    .build()
                    .getQuery();
        }
    }

    private final PlantStructure plant;
    private final Downtime downtime;
    private final Formatting formatting;
    private final Validator validator;
    private final MessageSource messages;
    private final Clock clock;
    private final Notices notices;

    PlantStopsPage(
            PlantStructure plant,
            Downtime downtime,
            Formatting formatting,
            Validator validator,
            MessageSource messages,
            Clock clock,
            Notices notices) {
        this.notices = notices;
        this.clock = clock;
        this.plant = plant;
        this.downtime = downtime;
        this.formatting = formatting;
        this.validator = validator;
        this.messages = messages;
    }

    @Bean
    static NavigationEntry plantStopsNavigation() {
        return new NavigationEntry(
                NavigationSection.PLANT, "plantStops.nav", PATH, ProductionPermissions.DETECTIONS_READ, 11);
    }

    /** As {@code GET /api/v1/production/downtime}, which needs {@code detections:read}. */
    @PreAuthorize("hasAuthority('detections:read')")
    @GetMapping(PATH)
    String list(
            @AuthenticationPrincipal Actor caller,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("stop", new ReasonForm(null));
        return page(caller, lineId, from, to, page, null, model);
    }

    @PreAuthorize("hasAuthority('downtime:update')")
    @PostMapping(PATH + "/{id}")
    String explain(
            @AuthenticationPrincipal Actor caller,
            @PathVariable UUID id,
            @RequestParam(name = "line_id", required = false) UUID lineId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page,
            @ModelAttribute("stop") ReasonForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!FormErrors.validate(validator, new ReasonRequest(form.reason()), result)) {
            try {
                downtime.explain(caller, id, form.reason());
                notices.success(redirect, "plantStops.notice.saved");
                String query = new Filters(lineId, from, to, Math.max(0, page)).query();
                return "redirect:" + PATH + "?" + query;
            } catch (BusinessException e) {
                FormErrors.reject(result, "reason", e.getMessage());
            }
        }
        return page(caller, lineId, from, to, page, id, model);
    }

    private String page(Actor caller, UUID lineId, LocalDate from, LocalDate to, int page, UUID refused, Model model) {
        ZoneId zone = formatting.current().zone();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate last = to != null ? to : from != null ? from.plusDays(DEFAULT_DAYS - 1L) : today;
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1L);
        List<Plant.Line> lines = plant.lines(caller, true, 0, 500).items().stream()
                .sorted(Comparator.comparing(Plant.Line::code))
                .toList();
        UUID line = lineId != null
                ? lineId
                : lines.isEmpty() ? null : lines.getFirst().id();
        Filters filters = new Filters(line, first, last, Math.max(0, page));
        model.addAttribute("lines", lines);
        model.addAttribute("filters", filters);
        model.addAttribute("refused", refused);
        if (first.isAfter(last)) {
            model.addAttribute(
                    "rangeError",
                    messages.getMessage("production.filter.reversed", null, LocaleContextHolder.getLocale()));
        } else if (line != null) {
            model.addAttribute(
                    "stops",
                    downtime.newestFirst(
                            caller.tenantId(),
                            line,
                            first.atStartOfDay(zone).toInstant(),
                            last.plusDays(1).atStartOfDay(zone).toInstant(),
                            filters.page(),
                            PAGE_SIZE));
        }
        return "production/downtime";
    }
}
