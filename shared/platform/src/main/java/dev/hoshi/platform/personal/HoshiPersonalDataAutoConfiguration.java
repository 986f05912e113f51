package dev.hoshi.platform.personal;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The personal-data vault every service shares: database {@code hoshi.personal-data.database} (default {@code
 * hoshi_personal_data}), apart from the event store and from every service's read models.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
public class HoshiPersonalDataAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PersonalDataVault personalDataVault(
            MongoClient mongoClient,
            @Value("${hoshi.personal-data.database:hoshi_personal_data}") String database,
            @Value("${hoshi.personal-data.key-cache-ttl:30s}") Duration keyCacheTtl) {
        return new PersonalDataVault(mongoClient.getDatabase(database), keyCacheTtl, System::nanoTime);
    }

    /** Takes erased people out of read models that copied their user ids. */
    @Bean
    @ConditionalOnMissingBean
    public ReadModelErasure readModelErasure(PersonalDataVault vault) {
        return new ReadModelErasure(vault);
    }
}
