package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/** Reads made through insights (member lists, exports, attestations) join the organisation's access log. */
@Component
@ProcessingGroup("compliance-access-log")
class InsightsDisclosureProjection {

    private final AccessLogStore accessLog;

    InsightsDisclosureProjection(AccessLogStore accessLog) {
        this.accessLog = accessLog;
    }

    @EventHandler
    void on(MemberDataDisclosedEvent event, @Timestamp Instant at) {
        accessLog.record(event.organizationId(), at, event.viewer(), event.scope(), event.what());
    }
}
