package io.turno.identity;

import java.util.function.Consumer;

import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organization ({@value #SLUG}) that identity creates when {@code turno.identity.demo} is on,
 * for the modules that give it their demo data at start: each module's demo runner hands its seeding
 * here, which runs it only when the demo is on and the organization exists, inside its
 * {@link TenantScope}. Whether what a module seeds is already there stays that module's question.
 */
@Component
public class DemoOrganization {

    /** The demo organization's slug: its address ({@code /demo/reservar}) and what its people sign in to. */
    public static final String SLUG = "demo";

    private final boolean demo;
    private final TenantDirectory directory;
    private final TransactionTemplate transactions;

    DemoOrganization(
            @Value("${turno.identity.demo:true}") boolean demo,
            TenantDirectory directory,
            TransactionTemplate transactions) {
        this.demo = demo;
        this.directory = directory;
        this.transactions = transactions;
    }

    /** Runs {@code seed} with the demo organization, in its tenant scope and one transaction. */
    public void seed(Consumer<TenantId> seed) {
        seedWithoutTransaction(tenant -> transactions.executeWithoutResult(status -> seed.accept(tenant)));
    }

    /**
     * Runs {@code seed} with the demo organization, in its tenant scope; {@code seed} opens the
     * transactions it needs itself (a large seeding commits in parts).
     */
    public void seedWithoutTransaction(Consumer<TenantId> seed) {
        if (!demo) {
            return;
        }
        directory.tenants().stream()
                .filter(t -> SLUG.equals(t.slug()))
                .findFirst()
                .ifPresent(tenant -> TenantScope.run(tenant.id(), () -> seed.accept(tenant.id())));
    }
}
