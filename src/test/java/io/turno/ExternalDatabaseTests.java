package io.turno;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code SPRING_DATASOURCE_URL} set, Turno uses that PostgreSQL and starts none of its own.
 * The "external" server here is a separately started PostgreSQL the application knows only by URL.
 */
@AlongsideTheSuite
class ExternalDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void usesTheConfiguredDatabaseAndStartsNoEmbeddedOne() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            String url = external.getJdbcUrl("postgres", "postgres");
            try (ConfigurableApplicationContext turno = new SpringApplicationBuilder(TurnoApplication.class)
                    .run(
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=",
                            "--turno.data-dir=" + dataDir,
                            "--turno.embedded-db.ephemeral=false",
                            "--server.port=0")) {
                assertThat(turno.getBeanNamesForType(EmbeddedDatabase.class)).isEmpty();
                assertThat(dataDir.resolve("postgres")).doesNotExist();
            }
            JdbcClient jdbc = JdbcClient.create(external.getPostgresDatabase());
            assertThat(jdbc.sql("SELECT count(*) FROM tenants WHERE slug = 'demo'")
                            .query(Long.class)
                            .single())
                    .isOne();
            assertThat(jdbc.sql("SELECT count(*) FROM flyway_history_identity WHERE success")
                            .query(Long.class)
                            .single())
                    .isPositive();
        }
    }
}
