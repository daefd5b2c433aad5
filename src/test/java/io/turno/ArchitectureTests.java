package io.turno;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** House rules of ARCHITECTURE.md that Spring Modulith does not check by itself. */
class ArchitectureTests {

    static final JavaClasses TURNO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.turno");

    @Test
    void repositoriesAreNotPublic() {
        classes().that().areAssignableTo(Repository.class)
                .or().areAnnotatedWith(org.springframework.stereotype.Repository.class)
                .should().notBePublic()
                .allowEmptyShould(true)
                .check(TURNO);
    }

    @Test
    void entitiesAreNotPublic() {
        classes().that().areAnnotatedWith(org.springframework.data.relational.core.mapping.Table.class)
                .should().notBePublic()
                .allowEmptyShould(true)
                .check(TURNO);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternalsOrWebLayer() {
        classes().that().resideInAPackage("io.turno..")
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
        noClasses().that().resideOutsideOfPackages("io.turno.*.web..", "io.turno.web..")
                .should().beAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .check(TURNO);
    }

    @Test
    void domainCodeDoesNotUseJpa() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("JPA types",
                        (JavaClass c) -> c.getPackageName().startsWith("jakarta.persistence")))
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

    private static boolean isHidden(JavaClass type) {
        String module = moduleOf(type);
        String inside = type.getPackageName().substring(("io.turno." + module).length());
        return inside.startsWith(".internal") || inside.startsWith(".web");
    }
}
