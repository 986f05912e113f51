package dev.hoshi.platform.testapp;

import dev.hoshi.kernel.context.CurrentContext;
import dev.hoshi.kernel.context.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/** Records what it sees, so tests can check what a projection receives. */
@Component
@ProcessingGroup("tally-view")
public class TallyProjection {

    public record Seen(Object event, Map<String, Object> metaData, RequestContext boundContext) {}

    public final List<Seen> seen = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(Tally.TallyOpenedEvent event, MetaData metaData) {
        seen.add(new Seen(event, metaData, CurrentContext.get().orElse(null)));
    }

    @EventHandler
    void on(Tally.CountedEvent event, MetaData metaData, @MetaDataValue("tenantId") String tenant) {
        seen.add(new Seen(event, metaData, CurrentContext.get().orElse(null)));
    }
}
