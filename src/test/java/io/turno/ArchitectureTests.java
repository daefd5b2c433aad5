package io.turno;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.lang.reflect.Parameter;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/** House rules of ARCHITECTURE.md that Spring Modulith does not check by itself. */
class ArchitectureTests {

    static final JavaClasses TURNO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.turno");

    @Test
    void repositoriesAreNotPublic() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .check(TURNO);
    }

    /**
     * SQL lives in repository classes: whatever talks to a database through JDBC is a {@code @Repository}.
     * The infrastructure of the root package (the embedded server, row-level security, job locks) and
     * of shared (the LISTEN/NOTIFY channel) is exempt.
     */
    @Test
    void onlyRepositoriesSendSql() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.turno", "io.turno.shared")
                .and(DescribedPredicate.describe("not in a @Repository class", (JavaClass c) -> !inRepository(c)))
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "are JDBC types (JdbcClient, RowMapper, Connection, Statement, DataSource)",
                        (JavaClass c) -> c.getPackageName().equals("org.springframework.jdbc.core")
                                || c.getPackageName().startsWith("org.springframework.jdbc.core.")
                                || c.isAssignableTo(java.sql.Connection.class)
                                || c.isAssignableTo(java.sql.Statement.class)
                                || c.isAssignableTo(javax.sql.DataSource.class)))
                .check(TURNO);
    }

    /**
     * Services do not carry the client's address around: what
     * records the address (the audit log, sign-in throttling) reads {@code RequestContext.currentClientIp()}.
     * Repositories that store an address (failed sign-ins per address, sessions) take it as data.
     */
    @Test
    void noServiceTakesTheClientAddress() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackages("io.turno.*.web..", "io.turno.web..")
                .and()
                .areDeclaredInClassesThat(
                        DescribedPredicate.describe("are not repositories", (JavaClass c) -> !inRepository(c)))
                .should(new ArchCondition<>("not take a String parameter named ip, clientIp or remoteAddr") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        for (Parameter parameter : method.reflect().getParameters()) {
                            if (parameter.getType() == String.class
                                    && parameter.isNamePresent()
                                    && Set.of("ip", "clientIp", "remoteAddr").contains(parameter.getName())) {
                                events.add(SimpleConditionEvent.violated(
                                        method, method.getFullName() + " takes " + parameter.getName()));
                            }
                        }
                    }
                })
                .allowEmptyShould(true)
                .check(TURNO);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternalsOrWebLayer() {
        classes()
                .that()
                .resideInAPackage("io.turno..")
                .should(new ArchCondition<>("only use their own module's internal and web packages") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String module = moduleOf(item);
                        item.getDirectDependenciesFromSelf().forEach(dependency -> {
                            JavaClass target = dependency.getTargetClass();
                            String targetModule = moduleOf(target);
                            if (targetModule != null && !targetModule.equals(module) && isHidden(target)) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                })
                .check(TURNO);
    }

    @Test
    void webControllersLiveInAWebPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.turno.*.web..", "io.turno.web..")
                .should()
                .beAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .check(TURNO);
    }

    /** {@code io.turno.<module>...} → module; classes of the root package belong to none. */
    private static String moduleOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("io.turno.")) {
            return null;
        }
        String rest = name.substring("io.turno.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The class or, for a lambda's or nested class, its enclosing class is a repository. */
    private static boolean inRepository(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (c.isAnnotatedWith(Repository.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(JavaClass type) {
        String module = moduleOf(type);
        String inside = type.getPackageName().substring(("io.turno." + module).length());
        return inside.startsWith(".internal") || inside.startsWith(".web");
    }
}
