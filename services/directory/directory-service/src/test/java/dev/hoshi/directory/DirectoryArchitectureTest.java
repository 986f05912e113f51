package dev.hoshi.directory;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hoshi.testsupport.ServiceArchitecture;

@AnalyzeClasses(packages = "dev.hoshi.directory", importOptions = ImportOption.DoNotIncludeTests.class)
class DirectoryArchitectureTest {

    @ArchTest
    static final ArchRule aggregatesStayPure = ServiceArchitecture.aggregatesStayPure();

    @ArchTest
    static final ArchRule controllersUseMessagesOnly = ServiceArchitecture.controllersUseMessagesOnly();

    @ArchTest
    static final ArchRule projectionsStandAlone = ServiceArchitecture.projectionsStandAlone();

    @ArchTest
    static final ArchRule apiHoldsOnlyMessages = ServiceArchitecture.apiHoldsOnlyMessages("dev.hoshi.directory.api");
}
