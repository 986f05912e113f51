package dev.hoshi.platform.personal;

import dev.hoshi.platform.axon.HoshiAxonAutoConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** In a service with an event store: every process forgets an erased key when it sees the erasure's event. */
@AutoConfiguration(
        after = {HoshiPersonalDataAutoConfiguration.class, HoshiAxonAutoConfiguration.class, AxonAutoConfiguration.class
        })
public class HoshiKeyErasureAutoConfiguration {

    @Bean
    @ConditionalOnBean({EventStore.class, PersonalDataVault.class})
    @ConditionalOnMissingBean
    public KeyErasureWatcher keyErasureWatcher(EventStore eventStore, PersonalDataVault vault) {
        return new KeyErasureWatcher(eventStore, vault);
    }
}
