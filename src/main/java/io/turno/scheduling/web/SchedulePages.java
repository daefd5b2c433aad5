package io.turno.scheduling.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.turno.identity.CurrentUser;
import io.turno.scheduling.internal.PractitionerService;
import io.turno.scheduling.internal.PractitionerService.TimeOffCommand;
import io.turno.scheduling.internal.PractitionerView;
import io.turno.scheduling.internal.ScheduleView;
import io.turno.scheduling.internal.ScheduleView.DateException;
import io.turno.scheduling.internal.ScheduleView.Interval;
import io.turno.scheduling.internal.SchedulingPermissions;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import io.turno.web.NavigationEntry;
import io.turno.web.NavigationSection;
import io.turno.web.Notices;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A practitioner's schedule as pages, over {@link PractitionerService} as the API uses it: the
 * weekly plan with its breaks (one line of intervals per day), the date exceptions (other hours, or
 * closed) and time off. Each of the three forms posts on its own; a refused one comes back with
 * its errors next to its fields and what was typed, the other two as they are stored.
 */
@Controller
@RequestMapping("/practitioners")
class SchedulePages {

    private static final List<String> DAYS =
            java.util.Arrays.stream(DayOfWeek.values()).map(Enum::name).toList();

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("H:mm");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern INTERVAL = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final String BAD_INTERVALS = "scheduling.schedule.error.intervals";

    /** The weekly plan: per day its working intervals and its breaks, {@code 08:00-12:00, 13:00-17:00}. */
    public static class PlanForm {

        private Map<String, String> hours = new LinkedHashMap<>();
        private Map<String, String> breaks = new LinkedHashMap<>();

        public PlanForm() {
            DAYS.forEach(day -> {
                hours.put(day, "");
                breaks.put(day, "");
            });
        }

        static PlanForm of(ScheduleView schedule) {
            var form = new PlanForm();
            schedule.weekly().forEach((day, list) -> form.hours.put(day.name(), format(list)));
            schedule.breaks().forEach((day, list) -> form.breaks.put(day.name(), format(list)));
            return form;
        }

        public Map<String, String> getHours() {
            return hours;
        }

        public void setHours(Map<String, String> hours) {
            this.hours = hours;
        }

        public Map<String, String> getBreaks() {
            return breaks;
        }

        public void setBreaks(Map<String, String> breaks) {
            this.breaks = breaks;
        }
    }

    /** A date whose hours replace the plan's; no hours: closed that day. */
    public static class ExceptionForm {

        private String date;
        private String hours;

        public String getDate() {
            return date;
        }

        public void setDate(String date) {
            this.date = date;
        }

        public String getHours() {
            return hours;
        }

        public void setHours(String hours) {
            this.hours = hours;
        }
    }

    /** Time off, from and to local date-times of the practitioner's zone. */
    public static class TimeOffForm {

        private String start;
        private String end;
        private String reason;

        public String getStart() {
            return start;
        }

        public void setStart(String start) {
            this.start = start;
        }

        public String getEnd() {
            return end;
        }

        public void setEnd(String end) {
            this.end = end;
        }

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }
    }

    record TimeOffLine(UUID id, String from, String to, String reason) {}

    record ExceptionLine(LocalDate date, String hours) {}

    @Bean
    static NavigationEntry schedulesNavigation() {
        return new NavigationEntry(
                NavigationSection.CLINIC,
                "nav.schedules",
                "/practitioners",
                SchedulingPermissions.PRACTITIONERS_SCHEDULE,
                30);
    }

    private final PractitionerService practitioners;
    private final Validator validator;
    private final Notices notices;

    SchedulePages(PractitionerService practitioners, Validator validator, Notices notices) {
        this.notices = notices;
        this.practitioners = practitioners;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String list(@AuthenticationPrincipal CurrentUser caller, Model model) {
        model.addAttribute(
                "practitioners",
                practitioners.list(caller.tenantId(), null, null, 0, 200).items());
        return "scheduling/practitioners";
    }

    @GetMapping("/{id}/schedule")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String schedule(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
        var schedule = practitioners.schedule(caller.tenantId(), id);
        return page(caller, id, PlanForm.of(schedule), new ExceptionForm(), new TimeOffForm(), model);
    }

    @PostMapping("/{id}/schedule")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String savePlan(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("plan") PlanForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var before = practitioners.schedule(caller.tenantId(), id);
        Map<DayOfWeek, List<Interval>> weekly = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, List<Interval>> breaks = new EnumMap<>(DayOfWeek.class);
        for (String day : DAYS) {
            put(
                    weekly,
                    day,
                    parse(binding, "hours[" + day + "]", form.getHours().get(day)));
            put(
                    breaks,
                    day,
                    parse(binding, "breaks[" + day + "]", form.getBreaks().get(day)));
        }
        if (!binding.hasErrors()) {
            try {
                practitioners.replaceSchedule(caller, id, new ScheduleView(null, weekly, breaks, before.exceptions()));
                return saved(id, redirect);
            } catch (BusinessException refused) {
                refuse(binding, null, refused);
            }
        }
        return page(caller, id, form, new ExceptionForm(), new TimeOffForm(), model);
    }

    @PostMapping("/{id}/exceptions")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String addException(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("exception") ExceptionForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var before = practitioners.schedule(caller.tenantId(), id);
        LocalDate date =
                FormErrors.parse(binding, "date", form.getDate(), LocalDate::parse, "scheduling.schedule.error.date");
        if (date == null && !binding.hasFieldErrors("date")) {
            FormErrors.rejectKey(binding, "date", "scheduling.schedule.error.date");
        }
        List<Interval> hours = parse(binding, "hours", form.getHours());
        if (!binding.hasErrors()) {
            var exceptions = new ArrayList<>(before.exceptions().stream()
                    .filter(e -> !e.date().equals(date))
                    .toList());
            exceptions.add(new DateException(date, hours));
            try {
                practitioners.replaceSchedule(
                        caller, id, new ScheduleView(null, before.weekly(), before.breaks(), exceptions));
                return saved(id, redirect);
            } catch (BusinessException refused) {
                refuse(binding, "hours", refused);
            }
        }
        return page(caller, id, PlanForm.of(before), form, new TimeOffForm(), model);
    }

    @PostMapping("/{id}/exceptions/{date}/delete")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String removeException(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @PathVariable LocalDate date,
            RedirectAttributes redirect) {
        var before = practitioners.schedule(caller.tenantId(), id);
        var exceptions =
                before.exceptions().stream().filter(e -> !e.date().equals(date)).toList();
        practitioners.replaceSchedule(caller, id, new ScheduleView(null, before.weekly(), before.breaks(), exceptions));
        return saved(id, redirect);
    }

    @PostMapping("/{id}/time-off")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String addTimeOff(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("timeOff") TimeOffForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        ZoneId zone = ZoneId.of(practitioners.get(caller.tenantId(), id).timeZone());
        LocalDateTime start = FormErrors.parse(
                binding, "start", form.getStart(), LocalDateTime::parse, "scheduling.schedule.error.dateTime");
        LocalDateTime end = FormErrors.parse(
                binding, "end", form.getEnd(), LocalDateTime::parse, "scheduling.schedule.error.dateTime");
        String reason = form.getReason() == null || form.getReason().isBlank()
                ? null
                : form.getReason().strip();
        var request = new PractitionersApi.TimeOffRequest(
                start == null ? null : start.atZone(zone).toOffsetDateTime(),
                end == null ? null : end.atZone(zone).toOffsetDateTime(),
                reason);
        FormErrors.validate(validator, request, binding);
        if (!binding.hasErrors()) {
            try {
                practitioners.addTimeOff(
                        caller, id, new TimeOffCommand(request.start(), request.end(), request.reason()));
                return saved(id, redirect);
            } catch (BusinessException refused) {
                refuse(binding, "end", refused);
            }
        }
        var schedule = practitioners.schedule(caller.tenantId(), id);
        return page(caller, id, PlanForm.of(schedule), new ExceptionForm(), form, model);
    }

    @PostMapping("/{id}/time-off/{timeOffId}/delete")
    @PreAuthorize("hasAuthority('practitioners:schedule')")
    String removeTimeOff(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @PathVariable UUID timeOffId,
            RedirectAttributes redirect) {
        practitioners.removeTimeOff(caller, id, timeOffId);
        return saved(id, redirect);
    }

    private String page(
            CurrentUser caller, UUID id, PlanForm plan, ExceptionForm exception, TimeOffForm timeOff, Model model) {
        PractitionerView practitioner = practitioners.get(caller.tenantId(), id);
        ZoneId zone = ZoneId.of(practitioner.timeZone());
        var schedule = practitioners.schedule(caller.tenantId(), id);
        Instant today = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        var timeOffs = practitioners.timeOff(caller.tenantId(), id, today, today.plus(366, ChronoUnit.DAYS)).stream()
                .map(t -> new TimeOffLine(
                        t.id(),
                        t.start().toLocalDateTime().toString().replace('T', ' '),
                        t.end().toLocalDateTime().toString().replace('T', ' '),
                        t.reason()))
                .toList();
        // The forms not posted keep no errors of the one that was (each has its own binding).
        model.addAttribute("plan", plan);
        model.addAttribute("exception", exception);
        model.addAttribute("timeOff", timeOff);
        for (String name : List.of("plan", "exception", "timeOff")) {
            String key = BindingResult.MODEL_KEY_PREFIX + name;
            if (!model.containsAttribute(key)) {
                model.addAttribute(key, new BeanPropertyBindingResult(model.getAttribute(name), name));
            }
        }
        model.addAttribute("practitioner", practitioner);
        model.addAttribute("days", DAYS);
        model.addAttribute(
                "exceptions",
                schedule.exceptions().stream()
                        .sorted(Comparator.comparing(DateException::date))
                        .map(e -> new ExceptionLine(e.date(), format(e.intervals())))
                        .toList());
        model.addAttribute("timeOffs", timeOffs);
        return "scheduling/schedule";
    }

    private String saved(UUID id, RedirectAttributes redirect) {
        notices.success(redirect, "config.saved");
        return "redirect:/practitioners/" + id + "/schedule";
    }

    /** A service refusal on {@code field} (null: the form as a whole), in the service's words. */
    private static void refuse(BindingResult binding, String field, BusinessException refused) {
        if (refused.status().value() == 404) {
            throw refused;
        }
        FormErrors.reject(binding, field, refused.getMessage());
    }

    /** {@code 08:00-12:00, 13:00-17:00} as intervals; blank is none; unreadable is {@code field}'s error. */
    private static List<Interval> parse(BindingResult binding, String field, String typed) {
        var intervals = new ArrayList<Interval>();
        if (typed == null || typed.isBlank()) {
            return intervals;
        }
        for (String part : typed.split("[,;]")) {
            if (part.isBlank()) {
                continue;
            }
            var matcher = INTERVAL.matcher(part);
            try {
                if (!matcher.matches()) {
                    throw new IllegalArgumentException(part);
                }
                intervals.add(
                        new Interval(LocalTime.parse(matcher.group(1), HOUR), LocalTime.parse(matcher.group(2), HOUR)));
            } catch (RuntimeException unreadable) {
                FormErrors.rejectKey(binding, field, BAD_INTERVALS);
                return List.of();
            }
        }
        return intervals;
    }

    private static void put(Map<DayOfWeek, List<Interval>> plan, String day, List<Interval> intervals) {
        if (!intervals.isEmpty()) {
            plan.put(DayOfWeek.valueOf(day), intervals);
        }
    }

    private static String format(List<Interval> intervals) {
        return intervals == null
                ? ""
                : intervals.stream()
                        .map(i -> i.start().format(HH_MM) + "-" + i.end().format(HH_MM))
                        .collect(Collectors.joining(", "));
    }
}
