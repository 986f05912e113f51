package dev.hoshi.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

/**
 * The architecture rules every service follows (STYLE.md, point 12), for {@code @ArchTest} fields. A service
 * uses the rules whose packages it has: a rule over a package that does not exist fails (ArchUnit's {@code
 * failOnEmptyShould}), so it cannot pass without checking anything.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {}

    /** Aggregates ({@code ..command..}) never touch MongoDB, GraphQL or the read side. */
    public static ArchRule aggregatesStayPure() {
        return noClasses()
                .that()
                .resideInAPackage("..command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..", "org.bson..", "org.springframework.graphql..", "..query..");
    }

    /** Controllers ({@code ..graphql..}) reach the domain only through messages and Axon's gateways. */
    public static ArchRule controllersUseMessagesOnly() {
        return noClasses()
                .that()
                .resideInAPackage("..graphql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command..", "..query..", "com.mongodb..", "org.bson..");
    }

    /** Projections ({@code ..query..}) never reach into aggregates or controllers. */
    public static ArchRule projectionsStandAlone() {
        return noClasses()
                .that()
                .resideInAPackage("..query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..command..", "..graphql..");
    }

    /**
     * An {@code -api} module holds messages only: Java, the kernel, other APIs, Axon's modelling annotations, and
     * Axon's {@code @Revision} (a message's revision is part of its contract: docs/eventstore.md, "Upcasting").
     */
    public static ArchRule apiHoldsOnlyMessages(String apiPackage) {
        return classes()
                .that()
                .resideInAPackage(apiPackage + "..")
                .should()
                .onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(
                                "java..",
                                "dev.hoshi.*.api..",
                                "dev.hoshi.kernel..",
                                "org.axonframework.modelling.command..",
                                "com.fasterxml.jackson.annotation..")
                        .or(JavaClass.Predicates.equivalentTo(Revision.class)));
    }
}
