package io.turno.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.turno.audit.AuditEntry;
import io.turno.audit.AuditLog;
import io.turno.shared.Actor;
import io.turno.shared.BusinessException;
import io.turno.shared.Invalid;
import io.turno.shared.NotFound;
import io.turno.shared.PageResult;
import io.turno.shared.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.BindException;

/** Creating, reading, cancelling and re-sending notifications; sending is the {@link Dispatcher}'s. */
@Service
public class NotificationService {

    /** {@code whatsappOptIn}: the recipient agreed to WhatsApp messages (or the case's party with this phone did). */
    public record Recipient(
            String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable Boolean whatsappOptIn) {}

    public record NotificationCommand(
            UUID caseId,
            Recipient recipient,
            Channel channel,
            String templateCode,
            String language,
            Map<String, String> variables,
            String subject,
            String body,
            List<Channel> fallbackChannels,
            Instant sendAt) {}

    public record AttemptView(
            int number,
            @Nullable Channel channel,
            String provider,
            String outcome,
            Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable Long latencyMs,
            @Nullable String error,
            @Nullable String providerMessageId,
            @Nullable String deliveryStatus) {}

    public record NotificationView(
            UUID id,
            @Nullable UUID caseId,
            Channel channel,
            List<Channel> fallbackChannels,
            Recipient recipient,
            @Nullable String templateCode,
            String language,
            @Nullable String subject,
            String body,
            NotificationStatus status,
            int attempts,
            Instant sendAt,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError,
            String messageId,
            @Nullable Instant sentAt,
            @Nullable Instant deliveredAt,
            Instant createdAt,
            @Nullable List<AttemptView> history) {

        NotificationView withHistory(List<AttemptView> history) {
            return new NotificationView(
                    id,
                    caseId,
                    channel,
                    fallbackChannels,
                    recipient,
                    templateCode,
                    language,
                    subject,
                    body,
                    status,
                    attempts,
                    sendAt,
                    nextAttemptAt,
                    lastError,
                    messageId,
                    sentAt,
                    deliveredAt,
                    createdAt,
                    history);
        }
    }

    /** {@code assumedDelivered}: only emails whose latest attempt is ASSUMED_DELIVERED. */
    public record NotificationQuery(
            UUID caseId,
            NotificationStatus status,
            Channel channel,
            Instant from,
            Instant to,
            boolean assumedDelivered) {}

    /** Cancel or resend asked of a notification in a state that does not allow it: 409. */
    public static final class WrongState extends BusinessException {
        WrongState(String message) {
            super(HttpStatus.CONFLICT, ProblemCode.BUSINESS_RULE_VIOLATION, message);
        }
    }

    private final Notifications store;
    private final Templates templates;
    private final Cases cases;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectProvider<NotificationJobs> worker;

    NotificationService(
            Notifications store,
            Templates templates,
            Cases cases,
            AuditLog audit,
            Clock clock,
            ObjectProvider<NotificationJobs> worker) {
        this.worker = worker;
        this.store = store;
        this.templates = templates;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(rollbackFor = BindException.class)
    public NotificationView create(Actor caller, NotificationCommand command) throws BindException {
        var invalid = new Invalid();
        var recipient = command.recipient();
        List<Channel> fallbacks = command.fallbackChannels() == null ? List.of() : command.fallbackChannels();
        Optional<Cases.CaseView> kase = Optional.empty();
        if (command.caseId() != null) {
            kase = cases.find(caller.tenantId(), command.caseId());
            if (kase.isEmpty()) {
                invalid.reject("case_id", "No existe el proceso " + command.caseId());
            }
        }
        if (fallbacks.contains(command.channel())
                || fallbacks.stream().distinct().count() < fallbacks.size()) {
            invalid.reject("fallback_channels", "Cada canal alternativo una vez y distinto del canal principal");
        }
        var channels = new LinkedHashSet<Channel>();
        channels.add(command.channel());
        channels.addAll(fallbacks);
        for (Channel channel : channels) {
            if (channel == Channel.EMAIL && blank(recipient.email())) {
                invalid.reject("recipient.email", "Un correo necesita la dirección del destinatario");
            }
            if (channel != Channel.EMAIL && blank(recipient.phone())) {
                invalid.reject(
                        "recipient.phone", "Un mensaje por " + channel + " necesita el teléfono del destinatario");
            }
            if (channel == Channel.WHATSAPP
                    && !blank(recipient.phone())
                    && !Boolean.TRUE.equals(recipient.whatsappOptIn())
                    && kase.map(c -> !c.optedIn(recipient.phone())).orElse(true)) {
                invalid.reject("recipient.whatsapp_opt_in", "El destinatario no aceptó recibir mensajes por WhatsApp");
            }
        }
        var declared = new ArrayList<Map.Entry<String, String>>();
        String language = command.language() == null ? "es" : command.language();
        Map<String, String> variables = command.variables() == null ? Map.of() : command.variables();
        String subject = command.subject();
        String body = command.body();
        if (!blank(command.templateCode())) {
            var template = templates.find(caller.tenantId(), command.templateCode(), command.channel(), language);
            if (template.isEmpty()) {
                invalid.reject(
                        "template_code",
                        "No hay plantilla " + command.templateCode() + " para " + command.channel() + " en "
                                + language);
            } else {
                for (String variable : template.get().variables()) {
                    if (blank(variables.get(variable))) {
                        invalid.reject("variables." + variable, "La plantilla necesita la variable " + variable);
                    } else {
                        declared.add(Map.entry(variable, variables.get(variable)));
                    }
                }
                subject = Templates.render(template.get().subject(), variables);
                body = Templates.render(template.get().body(), variables);
            }
        } else {
            if (blank(body)) {
                invalid.reject("body", "Indique una plantilla o el texto del mensaje");
            }
            if (command.channel() == Channel.EMAIL && blank(subject)) {
                invalid.reject("subject", "Un correo sin plantilla necesita asunto");
            }
        }
        invalid.throwIfAny();

        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant sendAt = command.sendAt() == null || command.sendAt().isBefore(now) ? now : command.sendAt();
        store.insert(
                caller.tenantId(),
                new Notifications.NewNotification(
                        id,
                        command.caseId(),
                        command.channel(),
                        fallbacks,
                        recipient,
                        blank(command.templateCode()) ? null : command.templateCode(),
                        language,
                        declared,
                        subject,
                        body,
                        sendAt,
                        caller.userId(),
                        now));
        var summary = new LinkedHashMap<String, Object>();
        summary.put("channel", command.channel().name());
        summary.put("recipient", recipient.name());
        if (command.caseId() != null) {
            summary.put("case_id", command.caseId().toString());
        }
        if (!fallbacks.isEmpty()) {
            summary.put(
                    "fallback_channels", fallbacks.stream().map(Channel::name).toList());
        }
        if (!blank(command.templateCode())) {
            summary.put("template_code", command.templateCode());
        }
        var created = get(caller, id);
        // Last: the entry holds the organization's audit chain until this transaction commits.
        audit.record(AuditEntry.by(caller, "CREATE", "notification", id.toString(), summary));
        if (!sendAt.isAfter(now)) {
            wakeWorkerAfterCommit();
        }
        return created;
    }

    @Transactional(readOnly = true)
    public PageResult<NotificationView> list(Actor caller, NotificationQuery query, int page, int size) {
        return store.page(caller.tenantId(), query, page, size);
    }

    @Transactional(readOnly = true)
    public NotificationView get(Actor caller, UUID id) {
        var notification = store.find(caller.tenantId(), id).orElseThrow(() -> new NotFound("Notificación", id));
        return notification.withHistory(store.attempts(caller.tenantId(), id));
    }

    /** PENDING → CANCELLED; anything else is 409. */
    @Transactional
    public NotificationView cancel(Actor caller, UUID id) {
        return change(caller, id, "PENDING", "CANCELLED", "Solo se cancela una notificación pendiente", "CANCEL");
    }

    /** FAILED or CANCELLED → PENDING, due now, with a fresh budget of attempts and the same Message-ID. */
    @Transactional
    public NotificationView resend(Actor caller, UUID id) {
        var before = get(caller, id);
        if (before.status() != NotificationStatus.FAILED && before.status() != NotificationStatus.CANCELLED) {
            throw new WrongState("Solo se reenvía una notificación fallida o cancelada; esta está " + before.status());
        }
        store.queueAgain(caller.tenantId(), id, clock.instant());
        audit.record(AuditEntry.by(
                caller,
                "RESEND",
                "notification",
                id.toString(),
                AuditEntry.change(before.status().name(), "PENDING")));
        wakeWorkerAfterCommit();
        return get(caller, id);
    }

    /**
     * Whether an email was interrupted after its commit point and counted as sent without the server's
     * answer (its latest attempt ASSUMED_DELIVERED): the only SENT notification a person may send again.
     */
    public static boolean assumedDelivered(NotificationView notification) {
        return notification.status() == NotificationStatus.SENT
                && notification.history() != null
                && !notification.history().isEmpty()
                && Dispatcher.ASSUMED_DELIVERED.equals(
                        notification.history().getLast().outcome());
    }

    /**
     * An ASSUMED_DELIVERED email (see {@link #assumedDelivered}) → PENDING, due now, with a fresh budget
     * of attempts and the same Message-ID; never automatic, as the recipient may get it twice. Audited as
     * a RESEND that says so.
     */
    @Transactional
    public NotificationView resendAssumedDelivered(Actor caller, UUID id) {
        var before = get(caller, id);
        if (!assumedDelivered(before) || !store.queueAssumedDeliveredAgain(caller.tenantId(), id, clock.instant())) {
            throw new WrongState("Solo se reenvía así un correo de entrega supuesta; esta está " + before.status());
        }
        var summary = AuditEntry.change(before.status().name(), "PENDING");
        summary.put("assumed_delivered", true);
        audit.record(AuditEntry.by(caller, "RESEND", "notification", id.toString(), summary));
        wakeWorkerAfterCommit();
        return get(caller, id);
    }

    /** Due now: this instance's worker starts on it once it is committed (visible), not at its next tick. */
    private void wakeWorkerAfterCommit() {
        NotificationJobs jobs = worker.getIfAvailable();
        if (jobs != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    jobs.wake();
                }
            });
        }
    }

    private NotificationView change(Actor caller, UUID id, String from, String to, String refusal, String action) {
        var before = get(caller, id);
        if (!store.changeStatus(caller.tenantId(), id, from, to, clock.instant())) {
            throw new WrongState(refusal + "; esta está " + before.status());
        }
        audit.record(AuditEntry.by(caller, action, "notification", id.toString(), AuditEntry.change(from, to)));
        return get(caller, id);
    }

    /** A case's notifications, newest first, each with its attempts. */
    @Transactional(readOnly = true)
    public List<NotificationView> forCase(Actor caller, UUID caseId) {
        return store.forCase(caller.tenantId(), caseId).stream()
                .map(n -> get(caller, n.id()))
                .toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
