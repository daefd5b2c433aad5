package io.turno;

import java.util.concurrent.Executors;
import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs run on one instance at a time: each takes a ShedLock row in PostgreSQL first. A lock is
 * taken for 30 s and, while its job runs, extended by another 30 s every 15 s ({@link KeepAliveLockProvider}):
 * a job may run as long as it needs, and the lock of an instance that died frees its job within 30 s.
 * Jobs name no {@code lockAtMostFor} of their own (the keep-alive refuses one under 30 s).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30S")
class Scheduling {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        var locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        // Virtual: an idle keep-alive costs nothing, and it never holds a context's shutdown back.
        var keepAlive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("shedlock-keep-alive").factory());
        return new KeepAliveLockProvider(locks, keepAlive);
    }
}
