package io.turno.scheduling.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

import io.turno.catalog.ServiceCatalog;
import io.turno.catalog.ServiceView;
import io.turno.identity.CurrentUser;
import io.turno.scheduling.internal.AppointmentBooking;
import io.turno.scheduling.internal.AppointmentBooking.RescheduleCommand;
import io.turno.scheduling.internal.AppointmentQueries;
import io.turno.scheduling.internal.AppointmentTransitions;
import io.turno.scheduling.internal.PatientNotice;
import io.turno.shared.BusinessException;
import io.turno.web.Notices;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The patient moves or cancels their own appointment from {@code /my-appointments}, until the
 * organization's notice ({@link PatientNotice}); later the page says to call reception, and the
 * service refuses it in the same words.
 */
@Controller
class MyAppointmentsPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final AppointmentQueries appointments;
    private final AppointmentBooking booking;
    private final AppointmentTransitions transitions;
    private final ServiceCatalog catalog;
    private final PatientNotice notice;
    private final Notices notices;

    MyAppointmentsPages(
            AppointmentQueries appointments,
            AppointmentBooking booking,
            AppointmentTransitions transitions,
            ServiceCatalog catalog,
            PatientNotice notice,
            Notices notices) {
        this.notices = notices;
        this.appointments = appointments;
        this.booking = booking;
        this.transitions = transitions;
        this.catalog = catalog;
        this.notice = notice;
    }

    @PreAuthorize("hasAuthority('appointments:self')")
    @PostMapping("/my-appointments/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            transitions.cancel(caller, id, "cancelada por el paciente");
            notices.success(redirect, "scheduling.notice.cancelled");
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
        }
        return "redirect:/my-appointments";
    }

    @PreAuthorize("hasAuthority('appointments:self')")
    @GetMapping("/my-appointments/{id}/move")
    String moveForm(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(required = false) LocalDate date,
            Model model) {
        var appointment = appointments.get(caller, id);
        ZoneId zone = ZoneId.of(appointment.timeZone());
        LocalDate today = LocalDate.now(zone);
        LocalDate day =
                date == null || date.isBefore(today) ? appointment.start().toLocalDate() : date;
        model.addAttribute("appointment", appointment);
        model.addAttribute(
                "serviceName",
                catalog.find(caller.tenantId(), appointment.serviceId())
                        .map(ServiceView::name)
                        .orElse("—"));
        model.addAttribute("time", appointment.start().format(TIME));
        model.addAttribute("date", day);
        model.addAttribute("today", today);
        model.addAttribute(
                "allowed", appointment.status().changeable() && notice.allows(caller.tenantId(), appointment.start()));
        model.addAttribute("noticeHours", notice.of(caller.tenantId()).toHours());
        model.addAttribute(
                "slots",
                appointments
                        .available(caller.tenantId(), appointment.therapistId(), appointment.serviceId(), day, day)
                        .slots()
                        .stream()
                        .filter(s -> notice.allows(caller.tenantId(), s.start()))
                        .map(s -> Map.of(
                                "value",
                                s.start().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                                "label",
                                s.start().format(TIME)))
                        .toList());
        return "scheduling/mine-move";
    }

    @PreAuthorize("hasAuthority('appointments:self')")
    @PostMapping("/my-appointments/{id}/move")
    String move(
            @AuthenticationPrincipal CurrentUser caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String start,
            RedirectAttributes redirect) {
        OffsetDateTime when;
        try {
            when = start == null || start.isBlank() ? null : OffsetDateTime.parse(start.strip());
        } catch (java.time.format.DateTimeParseException e) {
            when = null;
        }
        if (when == null) {
            notices.failureKey(redirect, "scheduling.book.chooseSlot.field");
            return "redirect:/my-appointments/" + id + "/move";
        }
        try {
            var moved = booking.reschedule(caller, id, new RescheduleCommand(null, null, when, null));
            notices.success(
                    redirect,
                    "patient.mine.moved",
                    moved.start().toLocalDate(),
                    moved.start().format(TIME));
            return "redirect:/my-appointments";
        } catch (BusinessException refused) {
            notices.failure(redirect, refused);
            return "redirect:/my-appointments/" + id + "/move";
        }
    }
}
