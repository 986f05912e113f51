package dev.hoshi.compliance;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hoshi.testsupport.ServiceArchitecture;

/** No aggregates yet (they come with the compliance issue): a rule over an empty package would prove nothing. */
@AnalyzeClasses(packages = "dev.hoshi.compliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ComplianceArchitectureTest {

    @ArchTest
    static final ArchRule controllersUseMessagesOnly = ServiceArchitecture.controllersUseMessagesOnly();

    @ArchTest
    static final ArchRule projectionsStandAlone = ServiceArchitecture.projectionsStandAlone();

    @ArchTest
    static final ArchRule apiHoldsOnlyMessages = ServiceArchitecture.apiHoldsOnlyMessages("dev.hoshi.compliance.api");
}
