package dev.hoshi.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hoshi.testsupport.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.hoshi.compliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ComplianceArchitectureTest {

    @ArchTest
    static final ArchRule aggregatesStayPure = ServiceArchitecture.aggregatesStayPure();

    @ArchTest
    static final ArchRule controllersUseMessagesOnly = ServiceArchitecture.controllersUseMessagesOnly();

    @ArchTest
    static final ArchRule projectionsStandAlone = ServiceArchitecture.projectionsStandAlone();

    @ArchTest
    static final ArchRule apiHoldsOnlyMessages = ServiceArchitecture.apiHoldsOnlyMessages("dev.hoshi.compliance.api");

    /** The rules ({@code SecurityActionState}) are plain Java: no Spring, no MongoDB, no Axon. */
    @ArchTest
    static final ArchRule rulesArePlain = noClasses()
            .that()
            .resideInAPackage("dev.hoshi.compliance.securityaction.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.axonframework..");
}
