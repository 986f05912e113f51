package dev.hoshi.eventstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine is a plain library: Axon, the driver and Micrometer, no Spring and no Hoshi domain. */
@AnalyzeClasses(packages = "dev.hoshi.eventstore", importOptions = ImportOption.DoNotIncludeTests.class)
class EventStoreArchitectureTest {

    @ArchTest
    static final ArchRule noSpring = noClasses()
            .that()
            .resideInAPackage("dev.hoshi.eventstore..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "dev.hoshi.platform..");

    @ArchTest
    static final ArchRule onlyTheEngineAndItsSettingsArePublic = classes()
            .that()
            .resideInAPackage("dev.hoshi.eventstore..")
            .and()
            .areTopLevelClasses()
            .and()
            .arePublic()
            .should()
            .haveSimpleNameStartingWith("HoshiEventStorageEngine")
            .orShould()
            .haveSimpleName("EventStoreCollections")
            .orShould()
            .haveSimpleName("MongoPersistenceExceptionResolver");
}
