package dev.hoshi.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The kernel is shared by the -api modules, so it must stay plain Java. */
@AnalyzeClasses(packages = "dev.hoshi.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class KernelArchitectureTest {

    @ArchTest
    static final ArchRule kernelDependsOnJavaAndJacksonAnnotationsOnly = classes()
            .that()
            .resideInAPackage("dev.hoshi.kernel..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hoshi.kernel..", "com.fasterxml.jackson.annotation..");
}
