package io.turno.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The words a person reads for Turno's codes: statuses, permissions, modules, roles, audit actions.
 * Pages get them as {@code #labels} (the page's language), e.g. {@code ${#labels.of(n.status)}},
 * {@code ${#labels.permission('users:read')}}; controllers ask {@link #in(Locale)} or
 * {@link #current()}. A code without a message is shown as it is, never as {@code ??key??}.
 *
 * <p>Keys: an enum value is {@code label.<EnumName>.<VALUE>} ({@code label.NotificationStatus.SENT};
 * a nested enum called just {@code Status} takes its outer class's name first), except the few
 * that had keys before ({@link #OLDER_KEYS}); a permission {@code users:read} is
 * {@code permission.users.read}; a module {@code module.<name>}; a built-in role
 * {@code role.<CODE>}; an audit action {@code audit.action.<ACTION>}, an audited entity
 * {@code audit.entity.<type>} and a detail's key {@code audit.field.<key>}.
 */
@Component
public class Labels {

    /** Enums whose labels were written before this class, under their own prefix. */
    static final Map<String, String> OLDER_KEYS = Map.of(
            "AppointmentStatus", "scheduling.status",
            "TicketStatus", "ticket.status",
            "PaymentMethod", "billing.method");

    /**
     * Each status value's colour (a {@code tone-*} class of turno.css). A value means the same
     * everywhere (COMPLETED is green, CANCELLED grey) and no two values of one status share a tone.
     */
    private static final Map<String, String> TONES = Map.ofEntries(
            // appointments: waiting for someone to confirm is amber, confirmed blue
            Map.entry("HELD", "pink"),
            Map.entry("REQUESTED", "amber"),
            Map.entry("CONFIRMED", "blue"),
            Map.entry("CHECKED_IN", "teal"),
            Map.entry("IN_PROGRESS", "violet"),
            Map.entry("COMPLETED", "green"),
            Map.entry("CANCELLED", "grey"),
            Map.entry("NO_SHOW", "red"),
            // tickets
            Map.entry("WAITING", "amber"),
            Map.entry("CALLED", "blue"),
            Map.entry("IN_SERVICE", "violet"),
            Map.entry("EXPIRED", "pink"),
            // notifications
            Map.entry("PENDING", "amber"),
            Map.entry("SENDING", "violet"),
            Map.entry("SENT", "blue"),
            Map.entry("DELIVERED", "green"),
            Map.entry("FAILED", "red"),
            // cases
            Map.entry("OPEN", "blue"),
            Map.entry("ON_HOLD", "amber"),
            Map.entry("CLOSED", "green"),
            // charges
            Map.entry("APPROVED", "green"),
            Map.entry("DECLINED", "red"),
            Map.entry("TIMED_OUT", "amber"),
            // report jobs
            Map.entry("QUEUED", "amber"),
            Map.entry("RUNNING", "violet"),
            Map.entry("DONE", "green"),
            // waiting list
            Map.entry("OFFERED", "blue"),
            Map.entry("BOOKED", "green"),
            Map.entry("WITHDRAWN", "grey"));

    private final MessageSource messages;

    public Labels(MessageSource messages) {
        this.messages = messages;
    }

    /** The words in a language. */
    public Words in(Locale language) {
        return new Words(language);
    }

    /** The words in the language of the request this thread serves. */
    public Words current() {
        return in(LocaleContextHolder.getLocale());
    }

    /** The message key of an enum value's label. */
    public static String key(Enum<?> value) {
        Class<?> type = value.getDeclaringClass();
        String name = type.getSimpleName();
        if (name.equals("Status") && type.getEnclosingClass() != null) {
            name = type.getEnclosingClass().getSimpleName() + name;
        }
        String prefix = OLDER_KEYS.getOrDefault(name, "label." + name);
        return prefix + "." + value.name();
    }

    /** The message key of a permission's label: {@code users:read} → {@code permission.users.read}. */
    public static String permissionKey(String permission) {
        return "permission." + permission.replace(':', '.');
    }

    /** The tone (colour) of a status value: {@code tone-green} and so on; {@code tone-grey} when unknown. */
    public static String tone(Enum<?> value) {
        return "tone-" + TONES.getOrDefault(value.name(), "grey");
    }

    /** Turno's words in one language; what {@code #labels} is on a page. */
    public final class Words {

        private final Locale language;

        private Words(Locale language) {
            this.language = language;
        }

        /** An enum value's label (a status, a channel, a payment method); "" for null. */
        public String of(Enum<?> value) {
            return value == null ? "" : message(key(value), value.name());
        }

        /** A status value's colour class, for a {@code badge}. */
        public String tone(Enum<?> value) {
            return value == null ? "" : Labels.tone(value);
        }

        public String permission(String permission) {
            return permission == null ? "" : message(permissionKey(permission), permission);
        }

        /** A module's name as the roles page groups permissions under it. */
        public String module(String module) {
            return message("module." + module, module);
        }

        /** A role by its code: a built-in role in the reader's language, any other as its code. */
        public String role(String code) {
            return code == null ? "" : message("role." + code, code);
        }

        /**
         * A role with its stored name: a built-in role's name is translated while it is still the
         * name Turno gave it (in Spanish); a name an administrator chose is theirs and stays.
         */
        public String role(String code, String name) {
            String given = messages.getMessage("role." + code, null, null, Locale.of("es"));
            if (name == null || name.isBlank() || name.equals(given)) {
                return role(code);
            }
            return name;
        }

        public String action(String action) {
            return action == null ? "" : message("audit.action." + action, action);
        }

        public String entity(String entity) {
            return entity == null ? "" : message("audit.entity." + entity, entity);
        }

        /** A key of an audit entry's details ({@code patient_id} → "Paciente"); unknown keys as they are. */
        public String field(String key) {
            return key == null ? "" : message("audit.field." + key, key);
        }

        public String yesNo(boolean yes) {
            return yes ? message("label.yes", "✓") : message("label.no", "—");
        }

        private String message(String key, String fallback) {
            return messages.getMessage(key, null, fallback, language);
        }
    }
}
