package dev.hoshi.insights.rollup.query;

import com.mongodb.client.MongoDatabase;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.rollup.subscription.SubscriberAccess;
import java.util.Optional;
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
}
