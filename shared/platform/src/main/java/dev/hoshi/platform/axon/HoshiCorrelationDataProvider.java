package dev.hoshi.platform.axon;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * What a message passes on to the messages its handling produces (a command to its events, an event to the
 * commands a handler sends): tenant, actor and correlation id unchanged, and itself as the causation.
 */
final class HoshiCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key :
                new String[] {MessageContext.TENANT_ID, MessageContext.ACTOR, MessageContext.CORRELATION_ID}) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.put(MessageContext.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
