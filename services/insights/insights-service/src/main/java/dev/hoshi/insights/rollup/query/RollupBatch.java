package dev.hoshi.insights.rollup.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.hoshi.catalog.Edition;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.insights.rollup.subscription.MemberStatusChanges;
import dev.hoshi.kernel.time.BusinessTime;
import dev.hoshi.platform.axon.ProjectionBatch;
import dev.hoshi.platform.readmodel.BucketedSets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The rollup projection's writes for one batch of events ({@link ProjectionBatch}). Handlers only note what changes
 * ({@link #change}, {@link #schedule}, {@link #addAnalyst}, {@link #removeAnalyst}); {@link #flush} then writes the
 * batch:
 *
 * <ol>
 *   <li>analysts: one bulk {@code $addToSet} of those added and one {@code $pullAll} of those removed, each analyst
 *       and support organisation as its last event in the batch left it; grant-calendar days ({@link GrantCalendar}):
 *       one bulk {@code $addToSet} (all safe to repeat);
 *   <li>member states: all members of the batch read with one {@code $in}; each member's changes applied to its
 *       state in event order in memory (consecutive events of a member read the store once); every changed state
 *       written in one bulk request, compare-and-set on the state's {@code version} (an insert for a new member, an
 *       upsert filtered on the old version otherwise, which fails on the unique {@code _id} when another thread
 *       wrote first); a member that lost the race is read again and its changes applied again on the new state;
 *   <li>the differences of the states written, each step (one event) against the state before it, summed per
 *       cohort and per slice: one bulk {@code $inc} for the cohorts, one for the rollups (each slice's sum) and one
 *       for their history (each slice's sum per month its changes count in, {@link #countedIn});
 *   <li>the list's order ({@link MemberOrder}): the differences of each step's rows, one bulk {@code $inc};
 *   <li>the list rows of the changed members, from their final state: one bulk of replaces and deletes, then one
 *       {@code $in} read of the states to write again the rows of a member another thread moved on meanwhile;
 *   <li>live status messages, step by step, once all is written.
 * </ol>
 *
 * <p>A redelivered batch finds the states already changed, so its steps are empty (or cancel out) and nothing is
 * counted twice. Crash window (docs/insights.md, "Consistency"): between the member states' write and the
 * {@code $inc}s the batch's differences would be lost; a marker written before the states and removed after the last
 * write shows such a batch, and {@link RollupRepair} then rebuilds the projection from the events.
 */
final class RollupBatch implements ProjectionBatch.Buffer {

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final ReplaceOptions REPLACE_UPSERT = new ReplaceOptions().upsert(true);

    private record Op(Consumer<Document> mutation, Instant at, int order) {}

    /**
     * One event's change of a member's state: {@code slices}, the differences of its contribution to each slice it
     * changed ({@link MemberState#contributions}), counted in the history's month {@code countedIn}.
     */
    private record Step(
            String organization,
            Document before,
            Document after,
            Instant at,
            Map<String, Map<String, Long>> slices,
            String countedIn,
            int order) {}

    /** The member state's field holding the month its last change was counted in ({@link #countedIn}). */
    static final String COUNTED_IN = "countedIn";

    private final RollupCollections store;
    private final Edition edition;
    private final Clock clock;
    private final MemberStatusChanges changes;
    private final Map<String, List<Op>> members = new LinkedHashMap<>();
    private final Map<String, Set<String>> calendar = new TreeMap<>();
    private final Map<String, Set<String>> analysts = new TreeMap<>();
    private final Map<String, Set<String>> analystsRemoved = new TreeMap<>();
    private final List<Runnable> afterwards = new ArrayList<>();
    private int order;

    RollupBatch(RollupCollections store, Edition edition, Clock clock, MemberStatusChanges changes) {
        this.store = store;
        this.edition = edition;
        this.clock = clock;
        this.changes = changes;
    }

    /** Notes a change of the member's state by the event handled now. */
    void change(String organization, Instant at, Consumer<Document> mutation) {
        members.computeIfAbsent(organization, k -> new ArrayList<>()).add(new Op(mutation, at, order++));
    }

    /** Notes that the member's live grants change on {@code day}. */
    void schedule(String organization, String day) {
        calendar.computeIfAbsent(day, k -> new TreeSet<>()).add(organization);
    }

    void addAnalyst(String analyst, String supportOrganization) {
        note(analyst, supportOrganization, analysts, analystsRemoved);
    }

    /** Notes that {@code analyst} no longer reads {@code supportOrganization}'s figures (after an add in the batch too). */
    void removeAnalyst(String analyst, String supportOrganization) {
        note(analyst, supportOrganization, analystsRemoved, analysts);
    }

    /** Notes the pair in {@code into} and takes it out of {@code from}: the later of an add and a remove wins. */
    private static void note(
            String analyst, String supportOrganization, Map<String, Set<String>> into, Map<String, Set<String>> from) {
        Set<String> earlier = from.get(analyst);
        if (earlier != null && earlier.remove(supportOrganization) && earlier.isEmpty()) {
            from.remove(analyst);
        }
        into.computeIfAbsent(analyst, k -> new TreeSet<>()).add(supportOrganization);
    }

    /** Runs {@code write} once the batch's other writes are done (an erasure over what the batch added). */
    void then(Runnable write) {
        afterwards.add(write);
    }

    @Override
    public void flush() {
        try {
            BucketedSets.addToSets(store.analysts(), "supportOrganizations", analysts);
            pullAnalysts();
            RollupCollections.days(store.calendar()).addAll(calendar);
            if (!members.isEmpty()) {
                // a batch in flight until its last $inc is written: if this process or the store dies before, the
                // marker stays and RollupRepair rebuilds the projection (a redelivered batch would count nothing)
                Object inflight = UUID.randomUUID().toString();
                store.inflight().insertOne(new Document("_id", inflight).append("since", new Date()));
                List<Step> steps = writeStates();
                steps.sort(Comparator.comparingInt(Step::order));
                writeCohorts(steps);
                writeRollups(steps);
                writeOrder(steps);
                writeListing(steps);
                store.inflight().deleteOne(new Document("_id", inflight));
                for (Step step : steps) {
                    changes.publish(
                            step.organization(),
                            step.before(),
                            step.after(),
                            MemberState::levelOf,
                            MemberState::scopes,
                            MemberState::partnerScopes,
                            step.at());
                }
            }
            afterwards.forEach(Runnable::run);
        } finally {
            members.clear();
            calendar.clear();
            analysts.clear();
            analystsRemoved.clear();
            afterwards.clear();
            order = 0;
        }
    }

    /** The analysts removed in the batch: one bulk {@code $pullAll} of their support organisations. */
    private void pullAnalysts() {
        if (analystsRemoved.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        analystsRemoved.forEach((analyst, supportOrganizations) -> writes.add(new UpdateOneModel<>(
                new Document("_id", analyst),
                new Document(
                        "$pullAll", new Document("supportOrganizations", new ArrayList<>(supportOrganizations))))));
        store.analysts().bulkWrite(writes, UNORDERED);
    }

    // --- member states ----------------------------------------------------------------------------------------

    /** Applies and writes every member's changes; the steps of the states written. */
    private List<Step> writeStates() {
        Map<String, Document> stored = new HashMap<>();
        store.members()
                .find(new Document("_id", new Document("$in", new ArrayList<>(members.keySet()))))
                .forEach(doc -> stored.put(doc.getString("_id"), doc));
        List<String> ids = new ArrayList<>();
        List<List<Step>> applied = new ArrayList<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        members.forEach((id, ops) -> {
            Document base = stored.get(id);
            List<Step> steps = apply(id, base, ops);
            if (!steps.isEmpty()) {
                ids.add(id);
                applied.add(steps);
                writes.add(stateWrite(base, steps.get(steps.size() - 1).after()));
            }
        });
        if (writes.isEmpty()) {
            return new ArrayList<>();
        }
        Set<Integer> lost = writeAll(store.members(), writes);
        List<Step> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            result.addAll(lost.contains(i) ? again(ids.get(i)) : applied.get(i));
        }
        return result;
    }

    /** Another thread wrote the member first: its changes again on the state now stored, until one write wins. */
    private List<Step> again(String id) {
        while (true) {
            Document base = store.members().find(new Document("_id", id)).first();
            List<Step> steps = apply(id, base, members.get(id));
            if (steps.isEmpty()) {
                return steps;
            }
            if (writeAll(
                            store.members(),
                            List.of(stateWrite(base, steps.get(steps.size() - 1).after())))
                    .isEmpty()) {
                return steps;
            }
        }
    }

    /**
     * The member's changes in event order, each a step from the state before to the state after; a change that
     * leaves the state as it was (a redelivered event) is no step. The states carry no {@code version}.
     */
    private List<Step> apply(String id, Document base, List<Op> ops) {
        Document current = base == null ? null : copy(base);
        if (current != null) {
            current.remove("version");
        }
        String today = BusinessTime.today(clock).toString();
        List<Step> steps = new ArrayList<>();
        Map<String, Map<String, Long>> contributed = MemberState.contributions(current, edition);
        for (Op op : ops) {
            Document after = current == null ? new Document("_id", id) : copy(current);
            op.mutation().accept(after);
            after.put("evaluatedOn", today);
            MemberState.recordDecline(current, after, op.at());
            Map<String, Map<String, Long>> contributes = MemberState.contributions(after, edition);
            Map<String, Map<String, Long>> slices = differences(contributed, contributes);
            String countedIn = after.getString(COUNTED_IN);
            if (!slices.isEmpty()) {
                countedIn = countedIn(current, op.at());
                after.put(COUNTED_IN, countedIn);
            }
            if (current != null && current.equals(after)) {
                continue; // redelivered or no change
            }
            steps.add(new Step(id, current, after, op.at(), slices, countedIn, op.order()));
            current = after;
            contributed = contributes;
        }
        return steps;
    }

    /** Each slice's difference from {@code old} to {@code now}, only the slices that changed. */
    private static Map<String, Map<String, Long>> differences(
            Map<String, Map<String, Long>> old, Map<String, Map<String, Long>> now) {
        Set<String> slices = new TreeSet<>(old.keySet());
        slices.addAll(now.keySet());
        Map<String, Map<String, Long>> differences = new TreeMap<>();
        for (String slice : slices) {
            Map<String, Long> delta =
                    MemberState.difference(old.getOrDefault(slice, Map.of()), now.getOrDefault(slice, Map.of()));
            if (!delta.isEmpty()) {
                differences.put(slice, delta);
            }
        }
        return differences;
    }

    /**
     * The month of the rollups' history a change of the member's figures at {@code at} is counted in: the month of
     * {@code at}, or a later one the member's figures already changed in. A member's events, from several streams
     * (its organisation, its grants, compliance's status), reach the projection in global order ({@link
     * MemberSequencing}), so each change counts in its own month. Where the times are not in that order (one
     * service's clock behind another's), a change dated May handled after the member's June change counts from June
     * on, so no month holds a state with a later month's change in it. Only changes of figures move it: a step that changes none (a grant calendar's
     * re-evaluation dated today that finds nothing new, a person added) must not push the member's later-handled
     * earlier changes into this month.
     */
    private static String countedIn(Document before, Instant at) {
        String month = MemberState.periodsOf(at).get(0);
        String counted = before == null ? null : before.getString(COUNTED_IN);
        return counted != null && counted.compareTo(month) > 0 ? counted : month;
    }

    /** An insert of a new member, else a replace of the version read (an upsert, so a lost race is a duplicate key). */
    private static WriteModel<Document> stateWrite(Document base, Document after) {
        Document written = new Document(after);
        if (base == null) {
            written.put("version", 1L);
            return new InsertOneModel<>(written);
        }
        Object version = base.get("version");
        written.put("version", ((Number) version).longValue() + 1);
        return new ReplaceOneModel<>(
                new Document("_id", after.get("_id")).append("version", version), written, REPLACE_UPSERT);
    }

    // --- cohorts and rollups ----------------------------------------------------------------------------------

    private void writeCohorts(List<Step> steps) {
        Map<String, Map<String, Long>> inc = new TreeMap<>();
        for (Step step : steps) {
            MemberState.difference(
                            MemberState.cohortContribution(step.before()), MemberState.cohortContribution(step.after()))
                    .forEach((path, v) -> {
                        int colon = path.indexOf(':');
                        inc.computeIfAbsent(path.substring(0, colon), k -> new TreeMap<>())
                                .merge(path.substring(colon + 1), v, Long::sum);
                    });
        }
        increment(store.cohorts(), inc);
    }

    /** One bulk of {@code $inc}s ({@code _id} → field → amount), amounts of 0 left out; a new document upserted. */
    static void increment(MongoCollection<Document> into, Map<String, Map<String, Long>> inc) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        inc.forEach((id, fields) -> {
            fields.values().removeIf(v -> v == 0);
            if (!fields.isEmpty()) {
                writes.add(new UpdateOneModel<>(
                        new Document("_id", id), new Document("$inc", new Document(new TreeMap<>(fields))), UPSERT));
            }
        });
        if (!writes.isEmpty()) {
            into.bulkWrite(writes, UNORDERED);
        }
    }

    /**
     * Adds the batch's differences with {@code $inc}: one bulk write of each slice's sum to its rollup, then one of each
     * slice's sum per month ({@link #countedIn}) to that month's document in the history. A slice's figures as of a
     * month are the sum of its months up to there ({@link MonthlyChanges}); additions commute, so another segment
     * writing a later month meanwhile changes nothing in this one. Rollups first, so their {@code since}
     * (the first month) never comes after a month the history holds.
     */
    private void writeRollups(List<Step> steps) {
        Map<String, Map<String, Long>> rollups = new TreeMap<>();
        Map<String, String> since = new TreeMap<>();
        Map<String, Map<String, Long>> months = new TreeMap<>();
        for (Step step : steps) {
            String month = step.countedIn();
            step.slices().forEach((slice, delta) -> {
                since.merge(slice, month, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                Map<String, Long> total = rollups.computeIfAbsent(slice, k -> new TreeMap<>());
                Map<String, Long> ofMonth = months.computeIfAbsent(slice + ":" + month, k -> new TreeMap<>());
                delta.forEach((field, v) -> {
                    total.merge(field, v, Long::sum);
                    ofMonth.merge(field, v, Long::sum);
                });
            });
        }
        if (rollups.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        rollups.forEach((slice, inc) -> writes.add(new UpdateOneModel<>(
                new Document("_id", slice),
                new Document("$inc", increments(inc)).append("$min", new Document("since", since.get(slice))),
                UPSERT)));
        store.rollups().bulkWrite(writes, UNORDERED);
        writes.clear();
        months.forEach((id, inc) -> {
            int colon = id.lastIndexOf(':');
            writes.add(new UpdateOneModel<>(
                    new Document("_id", id),
                    new Document("$inc", increments(inc))
                            .append(
                                    "$set",
                                    new Document("slice", id.substring(0, colon))
                                            .append("month", id.substring(colon + 1))),
                    UPSERT));
        });
        store.history().bulkWrite(writes, UNORDERED);
    }

    /**
     * The {@code $inc} of a sum, and of the write counter {@code rev}. Fields whose changes cancel out within the
     * batch are added as 0: a rollup and its months then hold the same fields, those any change ever touched, however
     * the batches were cut.
     */
    private static Document increments(Map<String, Long> sum) {
        Document inc = new Document("rev", 1L);
        inc.putAll(sum);
        return inc;
    }

    /**
     * Writes {@code writes} in one unordered bulk request; the indexes of those that failed on a duplicate key (a
     * compare-and-set that lost). Any other failure is thrown.
     */
    private static Set<Integer> writeAll(MongoCollection<Document> into, List<WriteModel<Document>> writes) {
        Set<Integer> duplicates = new HashSet<>();
        if (writes.isEmpty()) {
            return duplicates;
        }
        try {
            into.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }

    // --- the members' list ------------------------------------------------------------------------------------

    /**
     * Each step's rows taken out of the list's order and the new ones put in ({@link MemberOrder#count}), summed over
     * the batch: one bulk {@code $inc}. Like the rollups' counts, exact whatever order threads write in.
     */
    private void writeOrder(List<Step> steps) {
        Map<String, Map<String, Long>> inc = new TreeMap<>();
        for (Step step : steps) {
            rows(step.organization(), step.before())
                    .forEach((supportOrganization, row) -> MemberOrder.count(inc, supportOrganization, row, -1));
            rows(step.organization(), step.after())
                    .forEach((supportOrganization, row) -> MemberOrder.count(inc, supportOrganization, row, 1));
        }
        increment(store.order(), inc);
    }

    /** The member's row per support organisation it grants in {@code state} (none for {@code null}). */
    private static Map<String, Document> rows(String organization, Document state) {
        Map<String, Document> rows = new TreeMap<>();
        if (state != null) {
            MemberState.scopes(state)
                    .forEach((supportOrganization, scope) ->
                            rows.put(supportOrganization, row(organization, supportOrganization, scope, state)));
        }
        return rows;
    }

    /**
     * Each changed member's row per support organisation it granted at any step, as its final state shows it. The
     * rows are not compare-and-set: another thread may have written a newer state and its rows before these, so the
     * states are read again afterwards and the rows of any member whose state moved on are written again from the
     * state now stored, until it stays put. The last rows written are thus those of the last state.
     */
    private void writeListing(List<Step> steps) {
        Map<String, Document> last = new LinkedHashMap<>();
        Map<String, Set<String>> supportOrganizations = new HashMap<>();
        for (Step step : steps) {
            last.put(step.organization(), step.after());
            Set<String> seen = supportOrganizations.computeIfAbsent(step.organization(), k -> new TreeSet<>());
            seen.addAll(MemberState.scopes(step.before()).keySet());
            seen.addAll(MemberState.scopes(step.after()).keySet());
        }
        while (!last.isEmpty()) {
            writeRows(last, supportOrganizations);
            Map<String, Document> stored = new HashMap<>();
            store.members()
                    .find(new Document("_id", new Document("$in", new ArrayList<>(last.keySet()))))
                    .forEach(doc -> {
                        doc.remove("version");
                        stored.put(doc.getString("_id"), doc);
                    });
            Map<String, Document> movedOn = new LinkedHashMap<>();
            last.forEach((organization, state) -> {
                Document now = stored.get(organization);
                if (now != null && !now.equals(state)) {
                    movedOn.put(organization, now);
                    supportOrganizations
                            .get(organization)
                            .addAll(MemberState.scopes(now).keySet());
                }
            });
            last = movedOn;
        }
    }

    private void writeRows(Map<String, Document> last, Map<String, Set<String>> supportOrganizations) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        last.forEach((organization, state) -> {
            Map<String, ConsentScope> scopes = MemberState.scopes(state);
            for (String supportOrganization : supportOrganizations.get(organization)) {
                Document key = new Document("_id", supportOrganization + "/" + organization);
                ConsentScope scope = scopes.get(supportOrganization);
                writes.add(
                        scope == null
                                ? new DeleteOneModel<>(key)
                                : new ReplaceOneModel<>(
                                        key, row(organization, supportOrganization, scope, state), REPLACE_UPSERT));
            }
        });
        if (!writes.isEmpty()) {
            store.listing().bulkWrite(writes, UNORDERED);
        }
    }

    /** The member's row in the support organisation's list, holding only what its scope shows. */
    private static Document row(String organization, String supportOrganization, ConsentScope scope, Document state) {
        String level = MemberState.levelOf(state);
        String declared = state.getString("declared");
        Document row = new Document("_id", supportOrganization + "/" + organization)
                .append("supportOrganization", supportOrganization)
                .append("organization", organization)
                .append("name", state.getString("name"))
                .append("scope", scope.name())
                .append("industry", state.getString("industry"))
                .append("smeClass", state.getString("smeClass"))
                .append("prefecture", state.getString("prefecture"))
                .append("level", level)
                .append("levelRank", MemberState.LEVELS.indexOf(level))
                .append("declaredLevel", declared == null ? "NONE" : declared)
                .append("standing", MemberState.standingOf(state));
        if (MemberState.lapsed(state)) {
            row.append("lapseReason", state.getString("lapseReason")).append("lapsedOn", state.getString("lapsedOn"));
        }
        if (scope.includes(ConsentScope.LEVEL_AND_SCORES) && state.getInteger("score") != null) {
            boolean overdue = MemberState.overdue(state);
            row.append("score", state.getInteger("score"))
                    .append("band", state.getString("band"))
                    .append("assessedOn", state.getString("sheetOn"))
                    .append("overdue", overdue)
                    .append("overdueRank", overdue ? 1 : 0);
        }
        if (scope.includes(ConsentScope.FULL_DETAIL) && state.get("answers") != null) {
            row.append("answers", state.get("answers", Document.class));
        }
        return row.append("rank", MemberOrder.ranks(row));
    }

    /** A deep copy (documents and lists copied, values shared: they are immutable). */
    static Document copy(Document source) {
        Document copy = new Document();
        source.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Document d) {
            return copy(d);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copyValue(item));
            }
            return copy;
        }
        return value;
    }
}
