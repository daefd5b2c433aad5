package io.turno.audit.internal;

import java.io.PrintStream;

import io.turno.audit.AuditLog;
import io.turno.shared.TenantId;
import io.turno.shared.TenantScope;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The command-line check of SPEC §2: {@code java -jar turno.jar --turno.audit.verify-and-exit
 * --spring.main.web-application-type=none} walks every tenant's chain, prints one line per chain
 * and exits with 0 when all are intact, 3 when one is broken.
 */
@Component
@Order // after the seeder, which may still grant a release's permissions
@ConditionalOnBooleanProperty("turno.audit.verify-and-exit")
class AuditChainCheck implements ApplicationRunner, ExitCodeGenerator {

    static final int BROKEN = 3;

    private final AuditLog audit;
    private final AuditChains chains;
    private final ConfigurableApplicationContext context;
    private int exitCode;

    AuditChainCheck(AuditLog audit, AuditChains chains, ConfigurableApplicationContext context) {
        this.audit = audit;
        this.chains = chains;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        PrintStream out = System.out;
        boolean broken = false;
        // Every chain, whoever owns it: platform work.
        var all = TenantScope.unscoped(chains::all);
        for (AuditChains.Chain chain : all) {
            TenantId tenant = chain.tenant() == null ? null : new TenantId(chain.tenant());
            var result = TenantScope.unscoped(() -> audit.verify(tenant));
            broken |= !result.valid();
            out.printf(
                    "audit chain %-24s %s, %d entries checked%s%n",
                    chain.name(),
                    result.valid() ? "intact" : "BROKEN",
                    result.checked(),
                    result.valid() ? "" : ", first broken entry id " + result.firstBrokenId());
        }
        out.printf("audit chains: %d checked, %s%n", all.size(), broken ? "BROKEN" : "all intact");
        exitCode = broken ? BROKEN : 0;
        System.exit(SpringApplication.exit(context, this));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
