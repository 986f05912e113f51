package dev.hoshi.directory.organization.query;

import dev.hoshi.directory.api.organization.ClassifySmeQuery;
import dev.hoshi.directory.api.organization.IndustryDivisionView;
import dev.hoshi.directory.api.organization.ListIndustryDivisionsQuery;
import dev.hoshi.directory.api.organization.SmeClassificationView;
import dev.hoshi.directory.sme.SmeDefinitions;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answered from the SME definitions themselves (reference data, no read model). */
@Component
class SmeReferenceQueries {

    private final SmeDefinitions sme;

    SmeReferenceQueries(SmeDefinitions sme) {
        this.sme = sme;
    }

    @QueryHandler
    List<IndustryDivisionView> handle(ListIndustryDivisionsQuery query) {
        return sme.divisions();
    }

    @QueryHandler
    Optional<SmeClassificationView> handle(ClassifySmeQuery query) {
        return sme.sectorOf(query.industry(), query.sector())
                .map(sector ->
                        new SmeClassificationView(sector, sme.classify(sector, query.employees(), query.capitalYen())));
    }
}
