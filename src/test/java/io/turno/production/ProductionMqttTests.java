package io.turno.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.turno.AlongsideTheSuite;
import io.turno.production.internal.Kpis;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Detections published to a real Mosquitto broker reach the KPIs; a bad message, or one of an
 * organization deactivated meanwhile, is skipped and the subscriber goes on.
 */
@SpringBootTest
@AlongsideTheSuite
class ProductionMqttTests {

    static Process broker;
    static int port;
    static Path config;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws IOException {
        port = freePort();
        config = Files.createTempFile("mosquitto", ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        config.toFile().setReadable(true, false);
        broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        registry.add("turno.production.mqtt.url", () -> "tcp://127.0.0.1:" + port);
    }

    @AfterAll
    static void stopBroker() throws IOException {
        if (broker != null) {
            broker.destroy();
        }
        Files.deleteIfExists(config);
    }

    JdbcClient owner;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        owner = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    Kpis kpis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SettingsChanges settingsChanges;

    @Test
    void publishedDetectionsAppearInTheKpisAndABadMessageIsSkipped() throws Exception {
        TenantId tenant = new TenantId(UUID.randomUUID());
        String tag = tenant.value().toString().substring(0, 8);
        String slug = "mqtt-" + tag;
        owner.sql("INSERT INTO tenants (id, slug, name, time_zone) VALUES (:id, :slug, 'MQTT', 'UTC')")
                .param("id", tenant.value())
                .param("slug", slug)
                .update();
        UUID line = UUID.randomUUID();
        String code = "M-" + tag.toUpperCase();
        owner.sql("INSERT INTO production_lines (id, tenant_id, code, name) VALUES (:id, :t, :code, 'MQTT')")
                .param("id", line)
                .param("t", tenant.value())
                .param("code", code)
                .update();
        owner.sql(
                        "INSERT INTO production_areas (id, tenant_id, line_id, name, type) VALUES (:id, :t, :l, 'Salida', 'OUTPUT')")
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .param("l", line)
                .update();
        owner.sql(
                        "INSERT INTO production_products (id, tenant_id, code, name, ideal_cycle_seconds) VALUES (:id, :t, 'BOT', 'Botella', 1)")
                .param("id", UUID.randomUUID())
                .param("t", tenant.value())
                .update();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
        String topic = "turno/" + slug + "/lines/" + code + "/detections";
        LongSupplier produced = () -> TenantScope.call(
                        tenant,
                        () -> kpis.kpis(
                                tenant, line, at.minus(1, ChronoUnit.HOURS), at.plus(1, ChronoUnit.HOURS), null))
                .total();

        MqttClient plant = new MqttClient("tcp://127.0.0.1:" + port, "plant-" + tag, new MemoryPersistence());
        try {
            plant.connect(new MqttConnectionOptions());
            String first = """
                    [{"area": "Salida", "product_code": "BOT", "detected_at": "%1$s", "source_id": "m1-%2$s"},
                     {"area": "Salida", "product_code": "BOT", "detected_at": "%1$s", "source_id": "m2-%2$s", "rejected": true},
                     {"area": "Salida", "product_code": "BOT", "detected_at": "%1$s", "source_id": "m3-%2$s"}]""".formatted(at, tag);
            // Until the subscription is in place messages are lost: the source ids make repeating the first one
            // harmless.
            await().atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        if (produced.getAsLong() >= 3) {
                            return true;
                        }
                        plant.publish(topic, first.getBytes(StandardCharsets.UTF_8), 1, false);
                        return false;
                    });
            assertThat(produced.getAsLong()).isEqualTo(3);

            plant.publish(topic, "{{ not json".getBytes(StandardCharsets.UTF_8), 1, false);
            plant.publish(topic, "42".getBytes(StandardCharsets.UTF_8), 1, false);
            plant.publish(
                    "turno/nobody-" + tag + "/lines/" + code + "/detections",
                    first.getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
            plant.publish(topic, """
                    {"area": "Salida", "product_code": "BOT", "detected_at": "%s"}""".formatted(at.plusSeconds(30)).getBytes(StandardCharsets.UTF_8), 1, false);
            plant.publish(topic, """
                    [{"area": "Salida", "product_code": "BOT", "detected_at": "%1$s"},
                     {"area": "Salida", "product_code": "NOPE", "detected_at": "%1$s"},
                     {"area": "Salida", "product_code": "BOT", "detected_at": "%1$s"}]""".formatted(at.plusSeconds(90)).getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.getAsLong() >= 6);

            // Deactivated, as TenantsService does it: from then on the organization's messages are skipped.
            owner.sql("UPDATE tenants SET active = false WHERE id = :id")
                    .param("id", tenant.value())
                    .update();
            settingsChanges.changed(SettingsChanges.TENANT, tenant);
            double skippedBefore = skipped();
            plant.publish(topic, """
                    {"area": "Salida", "product_code": "BOT", "detected_at": "%s"}""".formatted(at.plusSeconds(150)).getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(30)).until(() -> skipped() > skippedBefore);
            plant.disconnect();
        } finally {
            plant.close(true);
        }
        Kpis.Summary summary = TenantScope.call(
                tenant,
                () -> kpis.kpis(tenant, line, at.minus(1, ChronoUnit.HOURS), at.plus(1, ChronoUnit.HOURS), null));
        assertThat(summary.total())
                .as("the malformed messages in between did not stop the subscriber")
                .isEqualTo(6);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(skipped())
                .as("not JSON, not a detection, an unknown organization, an inactive one")
                .isGreaterThanOrEqualTo(4);
    }

    private double skipped() {
        return meters.get("turno.production.mqtt.messages")
                .tag("result", "skipped")
                .counter()
                .count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
