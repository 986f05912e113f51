package dev.hoshi.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.Slices;
import dev.hoshi.local.architecture.ServiceModules.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The services' boundaries as the compiled classes draw them: every module under {@code services/} (main and test
 * classes), read from its {@code target/} directory. This module depends on the three services, so the build
 * compiles them first; run on its own, it reads what was compiled last and fails if a module was never compiled.
 *
 * <p>Service {@code x} is package {@code dev.hoshi.x}, its {@code -api} module {@code dev.hoshi.x.api}; the first
 * test holds the modules to that, so a renamed package fails it instead of leaving the other rules checking nothing.
 */
class ServiceClassDependenciesTest {

    private static final String ROOT_PACKAGE = "dev.hoshi";

    private static final ServiceModules build = ServiceModules.read();
    private static JavaClasses serviceClasses;

    @BeforeAll
    static void importEveryServiceModule() {
        List<Path> locations = new ArrayList<>();
        for (Module module : codeModules().toList()) {
            assertThat(module.classes())
                    .as(module + "'s compiled classes (compile the services first)")
                    .isDirectory();
            locations.add(module.classes());
            if (Files.isDirectory(module.testClasses())) {
                locations.add(module.testClasses());
            }
        }
        serviceClasses = new ClassFileImporter().importPaths(locations);
    }

    @TestFactory
    Stream<DynamicTest> eachModuleHoldsItsServicesPackage() {
        return codeModules()
                .map(module -> dynamicTest(module.artifactId(), () -> {
                    String servicePackage = packageOf(module.service().orElseThrow());
                    String modulePackage = ServiceModules.PUBLISHED.stream()
                            .filter(p -> p.artifactId().equals(module.artifactId()))
                            .map(ServiceModules.Published::packageName)
                            .findFirst()
                            .orElse(module.isApi() ? servicePackage + ".api" : servicePackage);
                    JavaClasses main = new ClassFileImporter().importPath(module.classes());

                    assertThat(main).as(module + "'s classes").isNotEmpty();
                    classes().should().resideInAPackage(modulePackage + "..").check(main);
                    if (!module.isApi()) {
                        noClasses()
                                .should()
                                .resideInAPackage(servicePackage + ".api..")
                                .check(main);
                    }
                    if (Files.isDirectory(module.testClasses())) {
                        JavaClasses tests = new ClassFileImporter().importPath(module.testClasses());
                        classes()
                                .should()
                                .resideInAPackage(servicePackage + "..")
                                .allowEmptyShould(true)
                                .check(tests);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> aServiceUsesAnotherServiceOnlyThroughItsApi() {
        return build.services().keySet().stream()
                .map(service -> dynamicTest(service, () -> noClasses()
                        .that()
                        .resideInAPackage(packageOf(service) + "..")
                        .should()
                        .dependOnClassesThat(internalsOfServicesOtherThan(service))
                        .check(serviceClasses)));
    }

    @Test
    void noTwoServicesDependOnEachOther() {
        Set<String> slices = Slices.matching(ROOT_PACKAGE + ".(*)..").transform(serviceClasses).stream()
                .map(slice -> slice.getNamePart(1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(slices)
                .as("one slice per service")
                .isEqualTo(build.services().keySet());

        slices().matching(ROOT_PACKAGE + ".(*)..").should().beFreeOfCycles().check(serviceClasses);
    }

    private static Stream<Module> codeModules() {
        return build.modules().stream().filter(m -> m.service().isPresent() && m.hasCode());
    }

    private static String packageOf(String service) {
        return ROOT_PACKAGE + "." + service;
    }

    /** Classes of another service outside its {@code -api} package (and outside what it publishes to this one). */
    private static DescribedPredicate<JavaClass> internalsOfServicesOtherThan(String service) {
        List<String> allowed = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String other : build.services().keySet()) {
            if (other.equals(service)) {
                continue;
            }
            others.add(packageOf(other));
            allowed.add(packageOf(other) + ".api");
        }
        ServiceModules.PUBLISHED.stream()
                .filter(p -> p.users().contains(service))
                .forEach(p -> allowed.add(p.packageName()));
        return DescribedPredicate.describe(
                "belong to another service outside its -api " + allowed,
                c -> others.stream().anyMatch(p -> within(c, p))
                        && allowed.stream().noneMatch(p -> within(c, p)));
    }

    private static boolean within(JavaClass c, String packageName) {
        return c.getPackageName().equals(packageName) || c.getPackageName().startsWith(packageName + ".");
    }
}
