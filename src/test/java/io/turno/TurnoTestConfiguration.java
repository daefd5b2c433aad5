package io.turno;

import io.turno.web.HttpProbe;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** What every {@link TurnoTest} context holds beside the application. */
@TestConfiguration(proxyBeanMethods = false)
@Import(HttpProbe.class)
class TurnoTestConfiguration {

    /** The application's one source of "now", which a test may move forward. */
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }

    /** SMTP and the card gateway: servers of the test JVM, which tests start, stub and read ({@link TestServers}). */
    @Bean
    DynamicPropertyRegistrar testServers() {
        return registry -> {
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", TestServers::smtpPort);
            registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 2000);
            registry.add(
                    "turno.billing.card-gateway.base-url",
                    () -> TestServers.cardGateway().baseUrl());
        };
    }
}
