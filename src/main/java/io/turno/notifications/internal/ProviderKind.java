package io.turno.notifications.internal;

import java.util.List;
import java.util.Set;

/** The kinds of provider Turno speaks to, with the settings each needs and the names of its secrets. */
public enum ProviderKind {
    SMTP(
            Channel.EMAIL,
            "smtp",
            List.of("host", "port"),
            Set.of("host", "port", "username", "from", "starttls"),
            Set.of("password")),
    WHATSAPP_CLOUD(
            Channel.WHATSAPP,
            "whatsapp",
            List.of("phone_number_id"),
            Set.of("base_url", "api_version", "phone_number_id", "templates"),
            Set.of("access_token", "app_secret", "verify_token")),
    TWILIO(
            Channel.SMS,
            "twilio",
            List.of("account_sid"),
            Set.of("base_url", "account_sid", "from", "messaging_service_sid", "status_callback_base_url"),
            Set.of("auth_token"));

    final Channel channel;
    /** The name attempts record as their provider. */
    final String label;

    final List<String> requiredSettings;
    final Set<String> settings;
    final Set<String> secrets;

    ProviderKind(
            Channel channel, String label, List<String> requiredSettings, Set<String> settings, Set<String> secrets) {
        this.channel = channel;
        this.label = label;
        this.requiredSettings = requiredSettings;
        this.settings = settings;
        this.secrets = secrets;
    }

    public Channel channel() {
        return channel;
    }

    /** The settings a provider of this kind takes, required ones first, then by name. */
    public List<String> settingNames() {
        var names = new java.util.ArrayList<>(requiredSettings);
        settings.stream().filter(s -> !requiredSettings.contains(s)).sorted().forEach(names::add);
        return names;
    }

    public boolean requires(String setting) {
        return requiredSettings.contains(setting) || requiredSecrets().contains(setting);
    }

    /** The names of its secrets, by name. */
    public List<String> secretNames() {
        return secrets.stream().sorted().toList();
    }

    /** Secrets without which the provider cannot send. */
    Set<String> requiredSecrets() {
        return switch (this) {
            case SMTP -> Set.of();
            case WHATSAPP_CLOUD -> Set.of("access_token");
            case TWILIO -> Set.of("auth_token");
        };
    }
}
