package dev.hoshi.disclosure.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Both compliance and insights depend on this module, so it must stay as plain as an -api module. */
@AnalyzeClasses(packages = "dev.hoshi.disclosure.api", importOptions = ImportOption.DoNotIncludeTests.class)
class DisclosureApiArchitectureTest {

    @ArchTest
    static final ArchRule disclosureApiDependsOnJavaAndTheKernelOnly = classes()
            .that()
            .resideInAPackage("dev.hoshi.disclosure.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.hoshi.kernel..", "dev.hoshi.disclosure.api..");
}
