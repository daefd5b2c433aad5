package io.turno.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.turno.billing.PaymentMethod;
import io.turno.notifications.internal.Channel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;

/**
 * Every code a page shows has words in both languages: a permission declared in a
 * {@code *Permissions} class, a value of a {@code *Status} enum, a module, a built-in role, an audit
 * action. A new code without its labels fails here, before anyone reads it raw on a page.
 */
class LabelsTests {

    private static final Pattern PERMISSION = Pattern.compile("[a-z][a-z_]*:[a-z][a-z_]*");
    private static final Map<String, Properties> LANGUAGES = new TreeMap<>();

    @BeforeAll
    static void load() throws IOException {
        LANGUAGES.put("es", properties("i18n/messages.properties"));
        LANGUAGES.put("en", properties("i18n/messages_en.properties"));
    }

    @Test
    void everyDeclaredPermissionAndItsModuleHaveALabelInBothLanguages() throws Exception {
        Set<String> permissions = new TreeSet<>();
        Set<String> modules = new TreeSet<>();
        for (Class<?> type : classes("io/turno/**/*Permissions.class")) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    field.setAccessible(true);
                    String value = (String) field.get(null);
                    if (value != null && PERMISSION.matcher(value).matches()) {
                        permissions.add(value);
                        modules.add(type.getPackageName().split("\\.")[2]);
                    }
                }
            }
        }
        assertThat(permissions).contains("users:read", "customers:create", "tenants:read", "downtime:update");
        assertThat(modules).contains("identity", "customers", "scheduling", "production");

        assertLabelled(permissions.stream().map(Labels::permissionKey).toList());
        assertLabelled(modules.stream().map(m -> "module." + m).toList());
    }

    @Test
    void everyStatusValueHasALabelInBothLanguagesAndItsOwnColour() throws Exception {
        List<Class<?>> statuses = classes("io/turno/**/*.class").stream()
                .filter(Class::isEnum)
                .filter(type -> type.getSimpleName().endsWith("Status"))
                .toList();
        assertThat(statuses.stream().map(Class::getSimpleName))
                .contains("AppointmentStatus", "TicketStatus", "NotificationStatus", "CaseStatus", "ChargeStatus");

        var keys = new ArrayList<String>();
        for (Class<?> status : statuses) {
            Enum<?>[] values = (Enum<?>[]) status.getEnumConstants();
            for (Enum<?> value : values) {
                keys.add(Labels.key(value));
            }
            assertThat(java.util.Arrays.stream(values).map(Labels::tone))
                    .as("each value of %s has its own colour", status.getName())
                    .doesNotHaveDuplicates()
                    .allMatch(tone -> !tone.isBlank());
        }
        for (Enum<?> value : Channel.values()) {
            keys.add(Labels.key(value));
        }
        for (Enum<?> value : PaymentMethod.values()) {
            keys.add(Labels.key(value));
        }
        assertLabelled(keys);
    }

    @Test
    void everyBuiltInRoleAndRecordedAuditActionHasALabelInBothLanguages() throws Exception {
        Class<?> roles = Class.forName("io.turno.identity.internal.BuiltInRole");
        assertLabelled(java.util.Arrays.stream(roles.getEnumConstants())
                .map(role -> "role." + ((Enum<?>) role).name())
                .toList());

        Field actions = Class.forName("io.turno.audit.web.AuditPage").getDeclaredField("ACTIONS");
        actions.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> recorded = (List<String>) actions.get(null);
        assertThat(recorded).contains("CREATE", "LOGIN_FAILED", "TOKEN_REUSE");
        assertLabelled(recorded.stream().map(a -> "audit.action." + a).toList());
    }

    @Test
    void requestedAndConfirmedAppointmentsLookDifferent() {
        assertThat(Labels.tone(io.turno.scheduling.AppointmentStatus.REQUESTED))
                .isNotEqualTo(Labels.tone(io.turno.scheduling.AppointmentStatus.CONFIRMED));
    }

    private static void assertLabelled(List<String> keys) {
        LANGUAGES.forEach((language, messages) -> {
            Set<String> missing = keys.stream()
                    .filter(key -> messages.getProperty(key, "").isBlank())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(missing).as("keys without a label in %s", language).isEmpty();
        });
    }

    private static List<Class<?>> classes(String pattern) throws IOException, ClassNotFoundException {
        var resolver = new PathMatchingResourcePatternResolver();
        var readers = new CachingMetadataReaderFactory(resolver);
        var found = new ArrayList<Class<?>>();
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
            String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
            if (name.startsWith("io.turno.") && !name.contains("Tests")) {
                found.add(Class.forName(name, false, LabelsTests.class.getClassLoader()));
            }
        }
        return found;
    }

    private static Properties properties(String path) throws IOException {
        var properties = new Properties();
        try (var in = LabelsTests.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
