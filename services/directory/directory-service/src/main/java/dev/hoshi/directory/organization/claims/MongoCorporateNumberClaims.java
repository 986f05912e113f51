package dev.hoshi.directory.organization.claims;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.directory.organization.command.CorporateNumberClaims;
import dev.hoshi.kernel.id.TenantId;
import java.util.Date;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@link CorporateNumberClaims} in directory's database: one document per claimed number in {@code
 * corporate_number_claims}, keyed by the number, so the database's unique {@code _id} settles a race. Organisations
 * registered before claims existed are found in the {@code organizations} read model (long caught up by then) and
 * count as holders too.
 */
@Component
class MongoCorporateNumberClaims implements CorporateNumberClaims {

    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> organizations;

    MongoCorporateNumberClaims(@Qualifier("serviceDatabase") MongoDatabase db) {
        this.claims = db.getCollection("corporate_number_claims");
        this.organizations = db.getCollection("organizations");
    }

    @Override
    public boolean claim(CorporateNumber number, TenantId organization) {
        boolean inserted;
        try {
            claims.insertOne(new Document("_id", number.value())
                    .append("organization", organization.toString())
                    .append("claimedAt", new Date()));
            inserted = true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = claims.find(Filters.eq("_id", number.value())).first();
            if (holder == null || !organization.toString().equals(holder.getString("organization"))) {
                throw CorporateNumberClaims.taken(number);
            }
            inserted = false;
        }
        Document earlier = organizations
                .find(Filters.and(
                        Filters.eq("corporateNumber", number.value()), Filters.ne("_id", organization.toString())))
                .first();
        if (earlier != null) {
            if (inserted) {
                release(number, organization);
            }
            throw CorporateNumberClaims.taken(number);
        }
        return inserted;
    }

    @Override
    public void release(CorporateNumber number, TenantId organization) {
        claims.deleteOne(
                Filters.and(Filters.eq("_id", number.value()), Filters.eq("organization", organization.toString())));
    }
}
