package dev.hoshi.insights;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hoshi.testsupport.ServiceArchitecture;

/** Insights owns no aggregates (it only projects), so it has no rule for them. */
@AnalyzeClasses(packages = "dev.hoshi.insights", importOptions = ImportOption.DoNotIncludeTests.class)
class InsightsArchitectureTest {

    @ArchTest
    static final ArchRule controllersUseMessagesOnly = ServiceArchitecture.controllersUseMessagesOnly();

    @ArchTest
    static final ArchRule projectionsStandAlone = ServiceArchitecture.projectionsStandAlone();

    @ArchTest
    static final ArchRule apiHoldsOnlyMessages = ServiceArchitecture.apiHoldsOnlyMessages("dev.hoshi.insights.api");
}
