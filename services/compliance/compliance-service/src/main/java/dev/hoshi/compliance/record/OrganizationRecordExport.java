package dev.hoshi.compliance.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.AssessmentView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.ComplianceStatusView;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindComplianceStatusQuery;
import dev.hoshi.compliance.api.status.ComplianceStatusQueries.FindSelfAssessmentsQuery;
import dev.hoshi.compliance.api.status.OrganizationStatusView;
import dev.hoshi.eventstore.HoshiEventStorageEngine;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.time.BusinessTime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.stereotype.Component;

/**
 * Builds an organisation's export: {@code events.jsonl} (every stored event of the organisation, every service's,
 * oldest first, one JSON document per line as stored, payload and metadata included), {@code state.json} (its
 * compliance status today and its self-assessment sheets, as the API shows them), and {@code manifest.json} (who
 * exported what when, and each file's size, SHA-256 and item count). The events are the record; the state is derived
 * from them and there for reading.
 */
@Component
class OrganizationRecordExport {

    static final String FORMAT = "hoshi-organization-record/1";
    private static final JsonWriterSettings RELAXED =
            JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private final HoshiEventStorageEngine events;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Clock clock;

    OrganizationRecordExport(HoshiEventStorageEngine events, QueryGateway queries, ObjectMapper json, Clock clock) {
        this.events = events;
        this.queries = queries;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.clock = clock;
    }

    OrganizationRecord export(OrganizationStatusView organization, String exportedBy) {
        Instant now = clock.instant();
        String id = organization.organizationId();
        try {
            ByteArrayOutputStream eventLines = new ByteArrayOutputStream();
            int[] count = {0};
            events.readTenantHistory(id, event -> {
                eventLines.writeBytes(event.toJson(RELAXED).getBytes(StandardCharsets.UTF_8));
                eventLines.write('\n');
                count[0]++;
            });
            byte[] state = json.writeValueAsBytes(state(organization));
            byte[] eventBytes = eventLines.toByteArray();

            List<Map<String, Object>> files = new ArrayList<>();
            files.add(file("events.jsonl", eventBytes, count[0]));
            files.add(file("state.json", state, 1));
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("format", FORMAT);
            manifest.put("organizationId", id);
            manifest.put("organizationName", organization.name());
            manifest.put("exportedAt", now.toString());
            manifest.put("exportedBy", exportedBy);
            manifest.put(
                    "about",
                    "events.jsonl is the organisation's whole record, every change as it was stored, oldest first;"
                            + " state.json is derived from it. Check each file against its sha256 below.");
            manifest.put("files", files);

            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                add(out, "manifest.json", json.writeValueAsBytes(manifest), now);
                add(out, "events.jsonl", eventBytes, now);
                add(out, "state.json", state, now);
            }
            byte[] bytes = zip.toByteArray();
            return new OrganizationRecord(
                    "hoshi-record-" + id + "-" + BusinessTime.today(clock) + ".zip",
                    "application/zip",
                    java.util.Base64.getEncoder().encodeToString(bytes),
                    count[0],
                    sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> state(OrganizationStatusView organization) {
        TenantId tenant = TenantId.of(organization.organizationId());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("organizationId", organization.organizationId());
        state.put("name", organization.name());
        state.put("people", organization.roles());
        state.put(
                "status",
                queries.query(
                                new FindComplianceStatusQuery(tenant, BusinessTime.today(clock)),
                                ComplianceStatusView.class)
                        .join());
        state.put(
                "selfAssessments",
                queries.query(
                                new FindSelfAssessmentsQuery(tenant),
                                ResponseTypes.multipleInstancesOf(AssessmentView.class))
                        .join());
        return state;
    }

    private static Map<String, Object> file(String name, byte[] bytes, int items) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", name);
        file.put("bytes", bytes.length);
        file.put("items", items);
        file.put("sha256", sha256(bytes));
        return file;
    }

    private static void add(ZipOutputStream out, String name, byte[] bytes, Instant time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time.toEpochMilli());
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
