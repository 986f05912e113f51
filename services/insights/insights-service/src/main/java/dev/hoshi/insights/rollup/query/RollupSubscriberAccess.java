package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** {@link SubscriberAccess} from the rollup's analysts and member states, read as the rollup queries read them. */
@Component
class RollupSubscriberAccess implements SubscriberAccess {

    private final RollupCollections store;

    RollupSubscriberAccess(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.store = RollupCollections.in(db);
    }

    @Override
    public boolean isAnalyst(String supportOrganization, String user) {
        return store.isAnalyst(user, supportOrganization);
    }

    @Override
    public Optional<ConsentScope> scope(String supportOrganization, String organization) {
        Document state = store.members().find(new Document("_id", organization)).first();
        return Optional.ofNullable(MemberState.scopes(state).get(supportOrganization));
    }

    @Override
    public Optional<ConsentScope> partnerScope(String partner, String organization) {
        Document state = store.members().find(new Document("_id", organization)).first();
        return Optional.ofNullable(MemberState.partnerScopes(state).get(partner));
    }

    @Override
    public Map<String, List<String>> analystsBySupportOrganization() {
        Map<String, List<String>> analysts = new TreeMap<>();
        for (Document analyst : store.analysts().find()) {
            for (String supportOrganization : analyst.getList("supportOrganizations", String.class, List.of())) {
                analysts.computeIfAbsent(supportOrganization, s -> new ArrayList<>())
                        .add(analyst.getString("_id"));
            }
        }
        return analysts;
    }
}
