package io.turno.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.turno.TurnoTest;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@TurnoTest
class AuditLogTests {

    @Autowired
    AuditLog audit;

    JdbcClient jdbc;

    @Autowired
    void ownerConnection(javax.sql.DataSource dataSource) {
        jdbc = io.turno.TestDatabase.owner(dataSource);
    }

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() {
        TenantId tenant = newChain(2);
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET action = 'X' WHERE tenant_id = :t")
                        .param("t", tenant.value())
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE tenant_id = :t")
                        .param("t", tenant.value())
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void anIntactChainVerifies() {
        TenantId tenant = newChain(5);
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 5, null));
    }

    @Test
    void aTamperedEntryBreaksTheChainAtThatEntry() {
        TenantId tenant = newChain(4);
        long third = jdbc.sql("SELECT id FROM audit_log WHERE tenant_id = :t ORDER BY id OFFSET 2 LIMIT 1")
                .param("t", tenant.value())
                .query(Long.class)
                .single();
        // Someone with superuser rights goes around the trigger: the chain still tells.
        aroundTheTrigger("UPDATE audit_log SET summary = '{\"amount\": 1}' WHERE id = :id", third);
        var verification = TenantScope.call(tenant, () -> audit.verify(tenant));
        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBrokenId()).isEqualTo(third);
    }

    @Test
    void entriesRecordedInBulkChainLikeOneByOne() {
        TenantId tenant = newChain(2);
        var entries = java.util.stream.IntStream.range(2, 7)
                .mapToObj(n -> entry(tenant, n))
                .toList();
        TenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> audit.recordAll(entries)));
        TenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> audit.record(entry(tenant, 7))));
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 8, null));
        assertThat(jdbc.sql("SELECT entity_id FROM audit_log WHERE tenant_id = :t ORDER BY id")
                        .param("t", tenant.value())
                        .query(String.class)
                        .list())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void platformAndTenantEntriesInOneBulkEachExtendTheirOwnChain() {
        TenantId tenant = newChain(1);
        var platform = new AuditEntry(
                null, null, "tester", "UPDATE", "thing", "platform-" + UUID.randomUUID(), Map.of(), null);
        TenantScope.unscoped(() -> transactions.execute(status -> {
            audit.recordAll(java.util.List.of(entry(tenant, 1), platform, entry(tenant, 2)));
            return null;
        }));
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 3, null));
        var lastTwo = jdbc.sql("SELECT prev_hash, hash FROM audit_log WHERE tenant_id IS NULL ORDER BY id DESC LIMIT 2")
                .query((rs, n) -> new String[] {rs.getString("prev_hash"), rs.getString("hash")})
                .list();
        assertThat(lastTwo.getFirst()[0]).isEqualTo(lastTwo.size() == 1 ? "0".repeat(64) : lastTwo.get(1)[1]);
    }

    @Test
    void aRolledBackEntryLeavesTheChainAsItWas() {
        TenantId tenant = newChain(2);
        TenantScope.run(
                tenant,
                () -> transactions.executeWithoutResult(status -> {
                    audit.record(entry(tenant, 2));
                    status.setRollbackOnly();
                }));
        TenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> audit.record(entry(tenant, 3))));
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 3, null));
    }

    @Test
    void concurrentWritersKeepOneUnbrokenChain() throws Exception {
        TenantId tenant = newChain(1);
        // Each writer's transaction stays open a moment after its entry, as a booking's commit does.
        try (var writers = java.util.concurrent.Executors.newFixedThreadPool(12)) {
            for (int w = 0; w < 12; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        int n = 100 * (writer + 1) + i;
                        TenantScope.run(
                                tenant,
                                () -> transactions.executeWithoutResult(status -> {
                                    audit.record(entry(tenant, n));
                                    Thread.onSpinWait();
                                }));
                    }
                });
            }
        }
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 121, null));
    }

    @Test
    void thePlatformChainLinksAfterItsOwnLastEntry() {
        // Tenants' entries in between do not belong to the platform's chain.
        newChain(1);
        for (int i = 0; i < 2; i++) {
            TenantScope.unscoped(() -> transactions.execute(status -> {
                audit.record(new AuditEntry(null, null, "root", "UPDATE", "tenant", "platform-test", Map.of(), null));
                return null;
            }));
            newChain(1);
        }
        var platform = jdbc.sql(
                        "SELECT prev_hash, hash FROM audit_log WHERE tenant_id IS NULL ORDER BY id DESC LIMIT 2")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        assertThat(platform.get(0)[0]).isEqualTo(platform.get(1)[1]);
        assertThat(TenantScope.unscoped(() -> audit.verify(null)).valid()).isTrue();
    }

    @Test
    void anEntryJoinsItsChainWhenItsTransactionCommitsAndHoldsNoOneUpMeanwhile() throws Exception {
        TenantId tenant = newChain(1);
        var written = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var slow = executor.submit(() -> TenantScope.run(
                    tenant,
                    () -> transactions.executeWithoutResult(status -> {
                        audit.record(entry(tenant, 1));
                        written.countDown();
                        await(release);
                    })));
            written.await();
            // Written after the open one, committed before it: it must not wait for it.
            var quick = executor.submit(() -> TenantScope.run(
                    tenant, () -> transactions.executeWithoutResult(status -> audit.record(entry(tenant, 2)))));
            quick.get(10, java.util.concurrent.TimeUnit.SECONDS);
            release.countDown();
            slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(jdbc.sql("SELECT entity_id FROM audit_log WHERE tenant_id = :t ORDER BY chain_seq")
                        .param("t", tenant.value())
                        .query(String.class)
                        .list())
                .containsExactly("0", "2", "1");
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(true, 3, null));
    }

    @Test
    void transactionsWritingTwoChainsInOppositeOrdersNeverDeadlock() throws Exception {
        TenantId first = newChain(1);
        TenantId second = newChain(1);
        int rounds = 30;
        try (var writers = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                var bothWritten = new java.util.concurrent.CyclicBarrier(2);
                var forward = writers.submit(() -> inBoth(List.of(entry(first, 1), entry(second, 1)), bothWritten));
                var backward = writers.submit(() -> inBoth(List.of(entry(second, 2), entry(first, 2)), bothWritten));
                forward.get(10, java.util.concurrent.TimeUnit.SECONDS);
                backward.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        for (TenantId tenant : List.of(first, second)) {
            assertThat(TenantScope.unscoped(() -> audit.verify(tenant)))
                    .isEqualTo(new AuditLog.ChainVerification(true, 1 + 2L * rounds, null));
        }
    }

    /** Writes the entries, waits until the other writer has written its own, then commits. */
    private Void inBoth(List<AuditEntry> entries, java.util.concurrent.CyclicBarrier bothWritten) {
        return TenantScope.unscoped(() -> transactions.execute(status -> {
            audit.recordAll(entries);
            try {
                bothWritten.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
    }

    @Test
    void anEntryTakenOutOfItsChainIsReported() {
        TenantId tenant = newChain(3);
        long second = jdbc.sql("SELECT id FROM audit_log WHERE tenant_id = :t AND chain_seq = 2")
                .param("t", tenant.value())
                .query(Long.class)
                .single();
        long third = jdbc.sql("SELECT id FROM audit_log WHERE tenant_id = :t AND chain_seq = 3")
                .param("t", tenant.value())
                .query(Long.class)
                .single();
        aroundTheTrigger("DELETE FROM audit_log WHERE id = :id", second);
        assertThat(TenantScope.call(tenant, () -> audit.verify(tenant)))
                .isEqualTo(new AuditLog.ChainVerification(false, 2, third));
    }

    /** Changes entry {@code id} as the table's owner with the append-only trigger switched off. */
    private void aroundTheTrigger(String change, long id) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
                    .update();
            jdbc.sql(change).param("id", id).update();
            jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
                    .update();
        });
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void recordingNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> audit.record(entry(new TenantId(UUID.randomUUID()), 0)))
                .hasMessageContaining("transaction");
    }

    private TenantId newChain(int entries) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenants (id, slug, name) VALUES (:id, :slug, 'Audit test')")
                .param("id", id)
                .param("slug", "audit-" + id.toString().substring(0, 8))
                .update();
        TenantId tenant = new TenantId(id);
        for (int i = 0; i < entries; i++) {
            int n = i;
            TenantScope.run(tenant, () -> transactions.executeWithoutResult(status -> audit.record(entry(tenant, n))));
        }
        return tenant;
    }

    private static AuditEntry entry(TenantId tenant, int n) {
        return new AuditEntry(
                tenant,
                UUID.randomUUID(),
                "tester",
                "UPDATE",
                "thing",
                String.valueOf(n),
                Map.of("before", n, "after", n + 1, "note", "ñandú"),
                "127.0.0.1");
    }
}
