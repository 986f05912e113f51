package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.directory.api.person.ErasureEvents.PersonErasedEvent;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.personal.PersonalDataVault;
import dev.hoshi.platform.personal.ReadModelErasure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Takes an erased person out of the rollups' read models, which copy user ids in clear (looked up by id): an
 * analyst's entry ({@code insights_support_analysts/<user>}) and the people of every member state they are in become
 * what their sealed ids read as from now on ({@code erasedAs}), as a rebuild from the events gives. Member states
 * change through the batch's compare-and-set writes, like any other change of their people; the analysts after the
 * batch's own additions. The person is found by the vault's keyed digest: a scan of both collections, fine for an
 * operation as rare as an erasure.
 */
@Component
@ProcessingGroup(SupportOrganizationRollupProjection.PROCESSING_GROUP)
class RollupErasure {

    private final RollupCollections store;
    private final Edition edition;
    private final Clock clock;
    private final MemberStatusChanges changes;
    private final PersonalDataVault vault;
    private final ReadModelErasure erasure;

    RollupErasure(
            @Qualifier("serviceDatabase") MongoDatabase db,
            Catalog catalog,
            Clock clock,
            MemberStatusChanges changes,
            PersonalDataVault vault,
            ReadModelErasure erasure) {
        this.store = RollupCollections.in(db);
        this.edition = catalog.current();
        this.clock = clock;
        this.changes = changes;
        this.vault = vault;
        this.erasure = erasure;
    }

    @EventHandler
    void on(PersonErasedEvent event, @Timestamp Instant at) {
        Map<String, Boolean> known = new HashMap<>();
        List<String> organizations = new ArrayList<>();
        for (Document state : store.members().find().projection(Projections.include("people"))) {
            if (state.getList("people", String.class, List.of()).stream()
                    .anyMatch(user -> known.computeIfAbsent(user, u -> vault.isSubject(u, event.subjectDigest())))) {
                organizations.add(state.getString("_id"));
            }
        }
        ProjectionBatch.write(this, () -> new RollupBatch(store, edition, clock, changes), batch -> {
            for (String organization : organizations) {
                batch.change(organization, at, s -> {
                    List<String> people = new ArrayList<>();
                    for (String user : s.getList("people", String.class, List.of())) {
                        boolean erased = known.computeIfAbsent(user, u -> vault.isSubject(u, event.subjectDigest()));
                        String kept = erased ? event.erasedAs() : user;
                        if (!people.contains(kept)) {
                            people.add(kept);
                        }
                    }
                    s.put("people", people);
                });
            }
            batch.then(() -> erasure.replace(
                    store.analysts(), Set.of("_id"), event.subjectDigest(), event.keyId(), event.erasedAs()));
        });
    }
}
