package io.turno;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Turno runs on its own PostgreSQL whose files live under
 * {@code turno.data-dir}, so a restart keeps everything ({@link EmbeddedDatabase}). With a URL, none
 * of this exists.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    /**
     * @param dataDir    Turno's directory for files; the database lives in {@code <data-dir>/postgres}
     * @param embeddedDb {@code port}: fixed port, or 0 for any free one; {@code ephemeral}: a
     *                   throw-away database in a temporary directory (tests), with fsync and synchronous
     *                   commit off; {@code settings}: PostgreSQL settings given to the server at start, such
     *                   as {@code shared_buffers} or {@code shared_preload_libraries=pg_stat_statements} to
     *                   profile it (none that turns durability off, unless ephemeral)
     */
    @ConfigurationProperties("turno")
    record EmbeddedDatabaseProperties(Path dataDir, EmbeddedDb embeddedDb) {

        record EmbeddedDb(int port, boolean ephemeral, Map<String, String> settings) {}
    }

    // Closed by Spring after the DataSource, which depends on it.
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(database.jdbcUrl())
                .username("postgres")
                .build();
        dataSource.setPoolName("turno-embedded");
        return dataSource;
    }
}
