package io.turno.notifications.internal;

import java.util.List;

import io.turno.identity.TenantCreated;
import io.turno.identity.TenantDirectory;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every tenant starts with Spanish and English templates for the messages other modules send, on
 * every channel. Given when a tenant is created and at start to tenants that predate this module;
 * idempotent: a template the tenant already has (by code, channel and language) is kept as edited.
 */
@Component
@Order(20)
class TemplateSeeder implements ApplicationRunner {

    record Default(String code, String language, String subject, String body, List<String> variables) {}

    static final List<Default> DEFAULTS = List.of(
            new Default(
                    "APPOINTMENT_CONFIRMATION",
                    "es",
                    "Cita confirmada",
                    "Hola {{name}}, su cita de {{service}} quedó confirmada para el {{date}} a las {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_CONFIRMATION",
                    "en",
                    "Appointment confirmed",
                    "Hello {{name}}, your {{service}} appointment is confirmed for {{date}} at {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_REMINDER",
                    "es",
                    "Recordatorio de su cita",
                    "Hola {{name}}, le recordamos su cita de {{service}} mañana {{date}} a las {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_REMINDER",
                    "en",
                    "Appointment reminder",
                    "Hello {{name}}, this is a reminder of your {{service}} appointment on {{date}} at {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_CHANGED",
                    "es",
                    "Su cita cambió",
                    "Hola {{name}}, su cita de {{service}} ahora es el {{date}} a las {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_CHANGED",
                    "en",
                    "Your appointment changed",
                    "Hello {{name}}, your {{service}} appointment is now on {{date}} at {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_CANCELLED",
                    "es",
                    "Cita cancelada",
                    "Hola {{name}}, su cita de {{service}} del {{date}} a las {{time}} fue cancelada.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_CANCELLED",
                    "en",
                    "Appointment cancelled",
                    "Hello {{name}}, your {{service}} appointment on {{date}} at {{time}} has been cancelled.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "TICKET_CALLED",
                    "es",
                    "Es su turno",
                    "{{name}}, su turno {{ticket}} fue llamado: acérquese a {{desk}}.",
                    List.of("name", "ticket", "desk")),
            new Default(
                    "TICKET_CALLED",
                    "en",
                    "It is your turn",
                    "{{name}}, your ticket {{ticket}} has been called: please go to {{desk}}.",
                    List.of("name", "ticket", "desk")),
            new Default(
                    "CASE_NOTIFICATION",
                    "es",
                    "Notificación del proceso {{case_number}}",
                    "Hola {{name}}, le notificamos sobre el proceso {{case_number}}: {{message}}",
                    List.of("name", "case_number", "message")),
            new Default(
                    "CASE_NOTIFICATION",
                    "en",
                    "Notice about case {{case_number}}",
                    "Hello {{name}}, this is a notice about case {{case_number}}: {{message}}",
                    List.of("name", "case_number", "message")),
            new Default(
                    "WAITLIST_SLOT_OFFERED",
                    "es",
                    "Se liberó un espacio para usted",
                    "Hola {{name}}, se liberó un espacio de {{service}} el {{date}} a las {{time}}. Resérvelo aquí antes de que"
                            + " lo tome otra persona: {{link}} (el enlace sirve una vez, hasta el {{expires}}).",
                    List.of("name", "service", "date", "time", "link", "expires")),
            new Default(
                    "WAITLIST_SLOT_OFFERED",
                    "en",
                    "A slot opened up for you",
                    "Hello {{name}}, a {{service}} slot opened up on {{date}} at {{time}}. Book it here before someone"
                            + " else does: {{link}} (the link works once, until {{expires}}).",
                    List.of("name", "service", "date", "time", "link", "expires")),
            new Default(
                    "APPOINTMENT_STATUS_CONFIRMED",
                    "es",
                    "Su cita fue confirmada",
                    "Hola {{name}}, la clínica confirmó su cita de {{service}} del {{date}} a las {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "APPOINTMENT_STATUS_CONFIRMED",
                    "en",
                    "Your appointment was confirmed",
                    "Hello {{name}}, the clinic confirmed your {{service}} appointment on {{date}} at {{time}}.",
                    List.of("name", "service", "date", "time")),
            new Default(
                    "PAYMENT_RECEIPT",
                    "es",
                    "Recibo de pago {{receipt}}",
                    "Hola {{name}}, recibimos su pago de {{amount}} en {{method}} el {{date}}. Recibo n.º {{receipt}}.",
                    List.of("name", "receipt", "amount", "method", "date")),
            new Default(
                    "PAYMENT_RECEIPT",
                    "en",
                    "Payment receipt {{receipt}}",
                    "Hello {{name}}, we received your payment of {{amount}} by {{method}} on {{date}}. Receipt no. {{receipt}}.",
                    List.of("name", "receipt", "amount", "method", "date")),
            new Default(
                    "TICKET_TURN_NEAR",
                    "es",
                    "Su turno está cerca",
                    "{{name}}, su turno {{ticket}} está cerca: quedan {{ahead}} personas antes que usted.",
                    List.of("name", "ticket", "ahead")),
            new Default(
                    "TICKET_TURN_NEAR",
                    "en",
                    "Your turn is near",
                    "{{name}}, your ticket {{ticket}} is near: {{ahead}} people are ahead of you.",
                    List.of("name", "ticket", "ahead")),
            new Default(
                    "PASSWORD_RESET",
                    "es",
                    "Tu enlace para cambiar la contraseña",
                    "Hola {{name}}, para elegir una contraseña nueva abre {{link}} (sirve una vez, durante {{minutes}}"
                            + " minutos). Si no lo pediste, ignora este mensaje: tu contraseña sigue igual.",
                    List.of("name", "link", "minutes")),
            new Default(
                    "PASSWORD_RESET",
                    "en",
                    "Your link to change your password",
                    "Hello {{name}}, to choose a new password open {{link}} (it works once, for {{minutes}} minutes)."
                            + " If you did not ask for it, ignore this message: your password stays the same.",
                    List.of("name", "link", "minutes")),
            new Default(
                    "DOWNTIME_ALERT",
                    "es",
                    "Parada en {{line}}",
                    "La línea {{line}} está detenida desde las {{since}} ({{minutes}} min).",
                    List.of("line", "since", "minutes")),
            new Default(
                    "DOWNTIME_ALERT",
                    "en",
                    "Downtime on {{line}}",
                    "Line {{line}} has been stopped since {{since}} ({{minutes}} min).",
                    List.of("line", "since", "minutes")));

    private final TemplateStore store;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;

    TemplateSeeder(TemplateStore store, TenantDirectory directory, TransactionTemplate transactions) {
        this.store = store;
        this.directory = directory;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (var tenant : directory.tenants()) {
            TenantScope.run(tenant.id(), () -> transactions.executeWithoutResult(status -> seed(tenant.id())));
        }
    }

    @ApplicationModuleListener
    void on(TenantCreated created) {
        TenantScope.run(created.tenantId(), () -> seed(created.tenantId()));
    }

    void seed(TenantId tenant) {
        for (var template : DEFAULTS) {
            for (var channel : Channel.values()) {
                store.insertIfAbsent(
                        tenant,
                        template.code(),
                        channel,
                        template.language(),
                        channel == Channel.EMAIL ? template.subject() : null,
                        template.body(),
                        template.variables());
            }
        }
    }
}
