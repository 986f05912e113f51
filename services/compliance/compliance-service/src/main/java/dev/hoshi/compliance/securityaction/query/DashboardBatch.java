package dev.hoshi.compliance.securityaction.query;

import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ControlView;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard projection's writes for one batch of events ({@link ProjectionBatch}): handlers note what changes,
 * the flush writes the dashboards in one read and one bulk write ({@link DashboardStore#putAll}) and the due-check
 * sets in one more ({@link BucketedSets}). Within the batch the last status of an organisation wins and, per control,
 * the update {@link DashboardStore#laterOf} keeps.
 */
final class DashboardBatch implements ProjectionBatch.Buffer {

    private final DashboardStore dashboards;
    private final BucketedSets dueChecks;
    private final Map<String, SecurityActionStatus> statuses = new LinkedHashMap<>();
    private final Map<String, Map<String, ControlView>> controls = new LinkedHashMap<>();
    private final Map<String, Set<String>> dueBuckets = new LinkedHashMap<>();

    DashboardBatch(DashboardStore dashboards, BucketedSets dueChecks) {
        this.dashboards = dashboards;
        this.dueChecks = dueChecks;
    }

    void status(String organization, SecurityActionStatus status) {
        statuses.put(organization, status);
    }

    void control(String organization, ControlView control) {
        controls.computeIfAbsent(organization, o -> new LinkedHashMap<>())
                .merge(control.controlId(), control, DashboardStore::laterOf);
    }

    /** The organisation is to be checked on the bucket's day (or in the pending bucket). */
    void dueCheck(String bucket, String organization) {
        dueBuckets.computeIfAbsent(bucket, b -> new LinkedHashSet<>()).add(organization);
    }

    @Override
    public void flush() {
        dashboards.putAll(statuses, controls);
        if (dueBuckets.isEmpty()) {
            return;
        }
        dueChecks.addAll(dueBuckets);
    }
}
