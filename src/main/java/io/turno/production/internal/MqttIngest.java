package io.turno.production.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.turno.identity.TenantDirectory;
import io.turno.shared.SettingsCache;
import io.turno.shared.SettingsChanges;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Detections from the plant over MQTT v5: messages on {@code turno/{tenant}/lines/{line_code}/detections}
 * (one JSON object or an array of them; the topic names the line) go through the same ingest as
 * the HTTP batches. Several instances share one subscription ({@code $share/{group}/...}), so the
 * broker hands each message to one of them. Messages are queued as they arrive and ingested in
 * batches (one transaction per organization per batch); each is acknowledged only once its batch
 * is stored, so the broker redelivers what a crash interrupted. A message that cannot be read is
 * logged, acknowledged and skipped; the subscriber goes on. Only when {@code turno.production.mqtt.url}
 * is set; with a {@code client-id} the session (and what it missed) survives reconnections.
 */
@Component
@ConditionalOnProperty(name = "turno.production.mqtt.url")
class MqttIngest implements SmartLifecycle, MqttCallback {

    static final String TOPICS = "turno/+/lines/+/detections";
    private static final Pattern TOPIC = Pattern.compile("turno/([^/]+)/lines/([^/]+)/detections");
    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final DetectionIngest ingest;
    private final TenantDirectory directory;
    private final String url;
    private final String username;
    private final String password;
    private final String subscription;
    private final String clientId;
    private final java.util.concurrent.BlockingQueue<Incoming> incoming =
            new java.util.concurrent.LinkedBlockingQueue<>();

    private record Incoming(String topic, byte[] payload, int id, int qos) {}

    private record Parsed(Incoming message, TenantId tenant, List<DetectionIngest.RawDetection> rows) {}

    private final JsonMapper json = JsonMapper.builder().build();
    /** Every organization by slug; neither ever changes. */
    private final Map<String, TenantId> tenants = new ConcurrentHashMap<>();
    /** Whether an organization is active, which changes with it (on every instance at once). */
    private final SettingsCache<Boolean> active;

    private final Counter ingested;
    private final Counter skipped;
    private volatile MqttAsyncClient client;
    private volatile boolean running;

    MqttIngest(
            DetectionIngest ingest,
            TenantDirectory directory,
            MeterRegistry meters,
            @Value("${turno.production.mqtt.url}") String url,
            @Value("${turno.production.mqtt.username:}") String username,
            @Value("${turno.production.mqtt.password:}") String password,
            @Value("${turno.production.mqtt.shared-group:turno}") String group,
            @Value("${turno.production.mqtt.client-id:}") String clientId,
            SettingsChanges changes) {
        this.active = changes.cache(Duration.ofMinutes(5), SettingsChanges.TENANT);
        this.clientId = clientId;
        this.ingest = ingest;
        this.directory = directory;
        this.url = url;
        this.username = username;
        this.password = password;
        this.subscription = group.isBlank() ? TOPICS : "$share/" + group + "/" + TOPICS;
        this.ingested = Counter.builder("turno.production.mqtt.messages")
                .tag("result", "ingested")
                .register(meters);
        this.skipped = Counter.builder("turno.production.mqtt.messages")
                .tag("result", "skipped")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        Thread.ofVirtual().name("mqtt-connect").start(this::connectUntilRunning);
        Thread.ofPlatform().daemon().name("mqtt-ingest").start(this::ingestWhileRunning);
    }

    private void connectUntilRunning() {
        while (running) {
            try {
                boolean persistent = !clientId.isBlank();
                MqttAsyncClient candidate = new MqttAsyncClient(
                        url, persistent ? clientId : "turno-" + UUID.randomUUID(), new MemoryPersistence());
                candidate.setCallback(this);
                candidate.setManualAcks(true);
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setAutomaticReconnect(true);
                options.setCleanStart(!persistent);
                options.setSessionExpiryInterval(persistent ? 3600L : 0L);
                options.setReceiveMaximum(5_000);
                if (!username.isBlank()) {
                    options.setUserName(username);
                    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
                }
                client = candidate;
                candidate.connect(options).waitForCompletion(10_000);
                return;
            } catch (MqttException e) {
                log.warn("Cannot connect to the MQTT broker {}; retrying in 10 s: {}", url, e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(10));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            // Asynchronous: a callback must not wait on the client.
            client.subscribe(subscription, 1);
            log.info("Subscribed to {} on {}", subscription, serverURI);
        } catch (MqttException | RuntimeException e) {
            log.warn("Cannot subscribe to {}", subscription, e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // The client's thread only queues: a slow database must not keep it from answering the broker.
        incoming.add(new Incoming(topic, message.getPayload(), message.getId(), message.getQos()));
    }

    private void ingestWhileRunning() {
        List<Incoming> batch = new java.util.ArrayList<>();
        while (running || !incoming.isEmpty()) {
            try {
                Incoming first = incoming.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                incoming.drainTo(batch, 1_999);
                ingest(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("MQTT batch of {} messages failed", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Parses each message (skipping the unreadable), stores each organization's rows in one go, then acknowledges. */
    private void ingest(List<Incoming> batch) {
        Map<TenantId, List<Parsed>> byTenant = new java.util.LinkedHashMap<>();
        for (Incoming message : batch) {
            try {
                Parsed parsed = parse(message.topic(), message.payload(), message);
                byTenant.computeIfAbsent(parsed.tenant(), t -> new java.util.ArrayList<>())
                        .add(parsed);
            } catch (RuntimeException e) {
                skipped.increment();
                log.warn(
                        "Skipped an MQTT message on {} ({} bytes): {}",
                        message.topic(),
                        message.payload().length,
                        e.getMessage());
                ack(message);
            }
        }
        byTenant.forEach((tenant, messages) -> {
            List<DetectionIngest.RawDetection> rows = new java.util.ArrayList<>();
            messages.forEach(m -> rows.addAll(m.rows()));
            try {
                for (int from = 0; from < rows.size(); from += DetectionIngest.MAX_ROWS) {
                    List<DetectionIngest.RawDetection> chunk =
                            rows.subList(from, Math.min(rows.size(), from + DetectionIngest.MAX_ROWS));
                    DetectionIngest.Result result = stored(tenant, chunk);
                    if (!result.rejected().isEmpty()) {
                        log.warn(
                                "MQTT messages for {}: {} of {} detections refused, e.g. {}",
                                tenant,
                                result.rejected().size(),
                                chunk.size(),
                                result.rejected().getFirst());
                    }
                }
            } catch (RuntimeException e) {
                // Not acknowledged: a persistent session gets them again after reconnecting.
                log.error("{} MQTT messages for {} could not be stored", messages.size(), tenant, e);
                return;
            }
            ingested.increment(messages.size());
            messages.forEach(m -> ack(m.message()));
        });
    }

    private DetectionIngest.Result stored(TenantId tenant, List<DetectionIngest.RawDetection> rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return TenantScope.call(tenant, () -> ingest.ingest(tenant, rows, false));
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.warn("MQTT detections could not be stored (attempt {}), retrying: {}", attempt, e.getMessage());
                try {
                    Thread.sleep(Duration.ofSeconds(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void ack(Incoming message) {
        try {
            if (message.qos() > 0) {
                client.messageArrivedComplete(message.id(), message.qos());
            }
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT ack of {} failed", message.id(), e);
        }
    }

    /** Reads one message; throws when it cannot be read at all. */
    private Parsed parse(String topic, byte[] payload, Incoming message) {
        Matcher parts = TOPIC.matcher(topic);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a detections topic");
        }
        TenantId tenant = tenant(parts.group(1));
        JsonNode rows;
        try {
            rows = json.readTree(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (rows == null || !(rows.isArray() || rows.isObject())) {
            throw new IllegalArgumentException("neither a detection nor an array of them");
        }
        return new Parsed(message, tenant, DetectionRows.fromJson(rows, parts.group(2)));
    }

    private TenantId tenant(String slug) {
        TenantId known = tenants.get(slug);
        if (known == null) {
            directory.tenants().forEach(t -> tenants.put(t.slug(), t.id()));
            known = tenants.get(slug);
        }
        if (known == null
                || !active.get(
                        known,
                        t -> directory
                                .summary(t)
                                .map(TenantDirectory.TenantSummary::active)
                                .orElse(false))) {
            throw new IllegalArgumentException("no active organization «" + slug + "»");
        }
        return known;
    }

    @Override
    public void stop() {
        running = false;
        MqttAsyncClient current = client;
        if (current != null) {
            try {
                current.disconnect().waitForCompletion(5_000);
            } catch (MqttException e) {
                log.debug("MQTT disconnect", e);
            }
            try {
                current.close();
            } catch (MqttException e) {
                log.debug("MQTT close", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    boolean connected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("Disconnected from the MQTT broker: {}", response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error", exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
