package io.turno;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Turno runs on its own PostgreSQL whose files live under
 * {@code turno.data-dir}, so a restart keeps everything. With a URL, none of this exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * @param dataDir    Turno's directory for files; the database lives in {@code <data-dir>/postgres}
     * @param embeddedDb {@code port}: fixed port, or 0 for any free one; {@code ephemeral}: a
     *                   throw-away database in a temporary directory (tests); {@code settings}:
     *                   PostgreSQL settings given to the server at start, such as {@code shared_buffers}
     *                   or {@code shared_preload_libraries=pg_stat_statements} to profile it
     */
    @ConfigurationProperties("turno")
    record EmbeddedDatabaseProperties(Path dataDir, EmbeddedDb embeddedDb) {

        record EmbeddedDb(int port, boolean ephemeral, java.util.Map<String, String> settings) {}
    }

    // Closed by Spring after the DataSource (which depends on it), never by a JVM hook: a hook
    // would stop PostgreSQL while the event registry still writes, and shutdown would hang.
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path directory = properties.embeddedDb().ephemeral()
                ? Files.createTempDirectory("turno-pg-")
                : Files.createDirectories(
                        properties.dataDir().toAbsolutePath().normalize().resolve("postgres"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(properties.embeddedDb().ephemeral())
                .setRegisterShutdownHook(false)
                // The default 10 s is not always enough on a busy two-core machine.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (properties.embeddedDb().settings() != null) {
            properties.embeddedDb().settings().forEach(builder::setServerConfig);
        }
        if (properties.embeddedDb().port() > 0) {
            builder.setPort(properties.embeddedDb().port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
        dataSource.setPoolName("turno-embedded");
        return dataSource;
    }
}
