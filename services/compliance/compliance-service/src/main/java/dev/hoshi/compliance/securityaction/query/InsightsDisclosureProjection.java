package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.disclosure.api.MemberDataDisclosedEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Reads made through insights (member lists, exports, attestations) join the organisation's access log.
 *
 * <p>The log is a record, not state derived from events alone: it also holds reads made here ({@code memberStatus}),
 * and its purge drops entries past their retention. So it is never replayed (a reset would append every disclosure
 * again and bring purged ones back), and {@code rebuildProjection} refuses it.
 */
@Component
@ProcessingGroup("compliance-access-log")
@DisallowReplay
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
