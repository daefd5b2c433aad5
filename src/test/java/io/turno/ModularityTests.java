package io.turno;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Module boundaries are a test: cycles, undeclared dependencies and reaches into internals fail here. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(TurnoApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void theFoundationModulesExist() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("shared", "identity", "audit", "web");
    }

    @Test
    void writesModuleDocumentation() {
        // Diagrams and canvases land in target/spring-modulith-docs.
        new Documenter(MODULES).writeDocumentation();
    }
}
