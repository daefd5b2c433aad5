package io.turno.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.customers.CustomerView;
import io.turno.customers.Customers;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.AppointmentView;
import io.turno.scheduling.internal.AppointmentBooking;
import io.turno.scheduling.internal.AppointmentBooking.RescheduleCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.shared.BusinessException;
import io.turno.web.FormErrors;
import io.turno.web.Notices;
import jakarta.validation.Validator;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Moving an appointment to another free time of its practitioner, with the booking's own rules
 * ({@link AppointmentBooking#reschedule}): a time just taken, outside the plan or in the past comes
 * back on the time field, with the date and notes as typed.
 */
@Controller
@RequestMapping("/appointments/{id}/reschedule")
class ReschedulePages {

    private static final String CHOOSE_SLOT = "scheduling.book.chooseSlot.field";

    /** What the form sends: the day whose free times are shown, the new start, the notes. */
    public static class RescheduleForm {

        private LocalDate date;
        private String start;
        private String notes;

        public LocalDate getDate() {
            return date;
        }

        public void setDate(LocalDate date) {
            this.date = date;
        }

        public String getStart() {
            return start;
        }

        public void setStart(String start) {
            this.start = start;
        }

        public String getNotes() {
            return notes;
        }

        public void setNotes(String notes) {
            this.notes = notes;
        }
    }

    private final AppointmentQueries appointments;
    private final AppointmentBooking booking;
    private final ServiceCatalog catalog;
    private final Customers customers;
    private final Validator validator;
    private final Notices notices;

    ReschedulePages(
            AppointmentQueries appointments,
            AppointmentBooking booking,
            ServiceCatalog catalog,
            Customers customers,
            Validator validator,
            Notices notices) {
        this.notices = notices;
        this.appointments = appointments;
        this.booking = booking;
        this.catalog = catalog;
        this.customers = customers;
        this.validator = validator;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('appointments:update')")
    String form(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("form") RescheduleForm form,
            BindingResult binding,
            Model model) {
        var appointment = appointments.get(caller, id);
        if (form.getNotes() == null) {
            form.setNotes(appointment.notes());
        }
        return page(caller, appointment, form, model);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('appointments:update')")
    String reschedule(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @ModelAttribute("form") RescheduleForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect) {
        var appointment = appointments.get(caller, id);
        OffsetDateTime when = FormErrors.parse(binding, "start", form.getStart(), OffsetDateTime::parse, CHOOSE_SLOT);
        if (when == null) {
            FormErrors.rejectKey(binding, "start", CHOOSE_SLOT);
        }
        String notes = form.getNotes() == null || form.getNotes().isBlank()
                ? null
                : form.getNotes().strip();
        FormErrors.validate(validator, new AppointmentsApi.RescheduleRequest(null, null, when, notes), binding);
        if (!binding.hasErrors()) {
            try {
                var moved = booking.reschedule(caller, id, new RescheduleCommand(null, null, when, notes));
                notices.success(
                        redirect,
                        "scheduling.reschedule.done",
                        moved.start().format(DateTimeFormatter.ISO_LOCAL_DATE),
                        moved.start().format(SchedulingPages.TIME));
                return "redirect:/appointments/" + id;
            } catch (BusinessException refused) {
                if (refused.status().value() == 404) {
                    throw refused;
                }
                // A time just taken, outside the plan or in the past: the time chosen is what to change.
                FormErrors.reject(binding, "start", refused.getMessage());
            }
        }
        return page(caller, appointment, form, model);
    }

    private String page(CurrentUser caller, AppointmentView appointment, RescheduleForm form, Model model) {
        ZoneId zone = ZoneId.of(appointment.timeZone());
        OffsetDateTime wanted = parse(form.getStart());
        LocalDate day = wanted != null
                ? wanted.atZoneSameInstant(zone).toLocalDate()
                : form.getDate() != null ? form.getDate() : appointment.start().toLocalDate();
        model.addAttribute("appointment", appointment);
        model.addAttribute("changeable", appointment.status().changeable());
        model.addAttribute(
                "patientName",
                customers
                        .find(caller.tenantId(), appointment.patientId())
                        .map(CustomerView::fullName)
                        .orElse("—"));
        model.addAttribute(
                "serviceName",
                catalog.find(caller.tenantId(), appointment.serviceId())
                        .map(ServiceView::name)
                        .orElse("—"));
        model.addAttribute(
                "current",
                appointment.start().toLocalDate() + " "
                        + appointment.start().format(SchedulingPages.TIME) + "–"
                        + appointment.end().format(SchedulingPages.TIME));
        model.addAttribute("date", day);
        model.addAttribute("start", wanted == null ? null : wanted.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        model.addAttribute("slots", slots(caller, appointment, day));
        return "scheduling/reschedule";
    }

    private List<Map<String, String>> slots(CurrentUser caller, AppointmentView appointment, LocalDate day) {
        if (!appointment.status().changeable()) {
            return List.of();
        }
        return appointments
                .available(caller.tenantId(), appointment.therapistId(), appointment.serviceId(), day, day)
                .slots()
                .stream()
                .map(s -> Map.of(
                        "value",
                        s.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        "label",
                        s.start().format(SchedulingPages.TIME) + "–" + s.end().format(SchedulingPages.TIME)))
                .toList();
    }

    private static OffsetDateTime parse(String start) {
        try {
            return start == null || start.isBlank() ? null : OffsetDateTime.parse(start.strip());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
