package dev.hoshi.insights.rollup.query;

import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.control.ControlStatus;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.SecurityActionStatus;
import dev.hoshi.compliance.api.status.SecurityActionStatus.LatestAssessment;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.directory.api.consent.ConsentScope;
import dev.hoshi.kernel.time.BusinessTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * What one member organisation contributes to the rollups, as pure functions of its state document
 * ({@code insights_member_state/<organisation>}). The projection keeps the state; this class says what it adds up to.
 *
 * <p>A member counts in eight <em>slices</em> per support organisation it grants: every combination of "any" or its
 * own industry, SME class and prefecture ({@code <supportOrg>|<industry>|<class>|<prefecture>}, {@code *} for any),
 * so a filtered rollup is one point look-up like the unfiltered one ({@code <supportOrg>|*|*|*}).
 *
 * <p>Nothing here decides a SECURITY ACTION rule: the declared level, the standing, the eligible level, the latest
 * sheet and whether a review is overdue are compliance's conclusions, stored as its {@link SecurityActionStatus} said
 * them ({@link #record}). This class only sorts them into buckets and counts them.
 */
final class MemberState {

    static final int MIN_SCORE = -25;
    static final int MAX_SCORE = 100;
    static final String ANY = "*";

    /** Level buckets, lowest first; a member is in the highest that holds. */
    static final List<String> LEVELS =
            List.of("NONE", "ONE_STAR_ELIGIBLE", "ONE_STAR_DECLARED", "TWO_STARS_ELIGIBLE", "TWO_STARS_DECLARED");

    private MemberState() {}

    /** The slice id a rollup query reads. */
    static String slice(String supportOrganization, String industry, String smeClass, String prefecture) {
        return supportOrganization + "|" + orAny(industry) + "|" + orAny(smeClass) + "|" + orAny(prefecture);
    }

    private static String orAny(String value) {
        return value == null ? ANY : value;
    }

    /** The eight slices the member counts in for one support organisation (fewer distinct ones without a profile). */
    static Set<String> slices(String supportOrganization, Document state) {
        String industry = state.getString("industry");
        String smeClass = state.getString("smeClass");
        String prefecture = state.getString("prefecture");
        Set<String> slices = new TreeSet<>();
        for (int mask = 0; mask < 8; mask++) {
            slices.add(slice(
                    supportOrganization,
                    (mask & 1) != 0 ? industry : null,
                    (mask & 2) != 0 ? smeClass : null,
                    (mask & 4) != 0 ? prefecture : null));
        }
        return slices;
    }

    /**
     * Stores compliance's status in the member's state, replacing what an earlier status said: declared level,
     * declaration id and date, standing (with its reason and date), eligible level, whether any review is overdue,
     * and the latest organisation-wide sheet (score, band, part subtotals, answers, date).
     */
    static void record(Document state, SecurityActionStatus status) {
        put(state, "declared", name(status.declaredLevel()));
        put(state, "declarationId", status.declarationId());
        put(state, "declaredOn", text(status.declaredOn()));
        put(state, "standing", name(status.standing()));
        put(state, "lapseReason", name(status.lapseReason()));
        put(state, "lapsedOn", text(status.lapsedOn()));
        put(state, "eligible", name(status.eligibleLevel()));
        state.put("overdue", status.anyReviewOverdue());
        LatestAssessment sheet = status.latestAssessment();
        if (sheet == null) {
            for (String field : List.of("assessmentId", "sheetOn", "score", "band", "parts", "answers")) {
                state.remove(field);
            }
            return;
        }
        put(state, "assessmentId", sheet.assessmentId());
        put(state, "sheetOn", text(sheet.completedOn()));
        state.put("score", sheet.score());
        put(state, "band", sheet.band());
        Document parts = new Document();
        new TreeMap<>(sheet.partScores()).forEach((part, score) -> parts.put(part.toString(), score));
        state.put("parts", parts);
        state.put("answers", new Document(new TreeMap<String, Object>(sheet.answers())));
    }

    private static void put(Document state, String field, String value) {
        if (value == null) {
            state.remove(field);
        } else {
            state.put(field, value);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * The member's level bucket, the highest that holds: ★★ declared; ★★ eligible; ★ declared; ★ eligible; none. Both
     * the declared and the eligible level are compliance's; a declared level whose standing lapsed stays declared.
     */
    static String levelOf(Document state) {
        if (state == null) {
            return "NONE";
        }
        String declared = state.getString("declared");
        String eligible = state.getString("eligible");
        String two = SecurityActionLevel.TWO_STARS.name();
        String one = SecurityActionLevel.ONE_STAR.name();
        if (two.equals(declared)) {
            return "TWO_STARS_DECLARED";
        }
        if (two.equals(eligible)) {
            return "TWO_STARS_ELIGIBLE";
        }
        if (one.equals(declared)) {
            return "ONE_STAR_DECLARED";
        }
        return one.equals(eligible) ? "ONE_STAR_ELIGIBLE" : "NONE";
    }

    /** Compliance's standing of the declared level; {@code NOT_DECLARED} before any status. */
    static String standingOf(Document state) {
        String standing = state == null ? null : state.getString("standing");
        return standing == null ? Standing.NOT_DECLARED.name() : standing;
    }

    /** Whether the declared level's prerequisites have lapsed (Hoshi's monitoring rule, as compliance applied it). */
    static boolean lapsed(Document state) {
        return Standing.PREREQUISITES_LAPSED.name().equals(standingOf(state));
    }

    /** Whether compliance reports any periodic review overdue. */
    static boolean overdue(Document state) {
        return state != null && state.getBoolean("overdue", false);
    }

    static int levelRank(Document state) {
        return LEVELS.indexOf(levelOf(state));
    }

    /** The month ({@code yyyy-MM}) and quarter ({@code yyyy-Qn}) an instant falls in, in Japan. */
    static List<String> periodsOf(Instant at) {
        YearMonth month = YearMonth.from(at.atZone(BusinessTime.ZONE));
        return List.of(month.toString(), quarterOf(month));
    }

    static String quarterOf(YearMonth month) {
        return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
    }

    /**
     * Marks the periods of {@code at} in {@code after} when its level went down from {@code before} (a lower bucket,
     * or a declared level whose standing went from good to lapsed) or its score went down (kept apart, since a score
     * decline may only be shown where the grant includes scores).
     */
    static void recordDecline(Document before, Document after, Instant at) {
        if (before == null) {
            return;
        }
        boolean lapsedNow = Standing.GOOD.name().equals(standingOf(before)) && lapsed(after);
        if (levelRank(after) < levelRank(before) || lapsedNow) {
            addPeriods(after, "levelDown", at);
        }
        Integer was = before.getInteger("score");
        Integer is = after.getInteger("score");
        if (was != null && is != null && is < was) {
            addPeriods(after, "scoreDown", at);
        }
    }

    private static void addPeriods(Document state, String field, Instant at) {
        Set<String> periods = new TreeSet<>(state.getList(field, String.class, List.of()));
        periods.addAll(periodsOf(at));
        state.put(field, new ArrayList<>(periods));
    }

    /**
     * The widest scope of the member's live grants, per support organisation: not revoked, and started and not ended
     * on the day the state was last evaluated ({@code evaluatedOn}, a date in Japan; dates compare as text).
     */
    static Map<String, ConsentScope> scopes(Document state) {
        return liveScopes(state, "grants", "supportOrganization");
    }

    /** The same for partner clients: the widest scope of the member's live grants, per partner client. */
    static Map<String, ConsentScope> partnerScopes(Document state) {
        return liveScopes(state, "partnerGrants", "partner");
    }

    private static Map<String, ConsentScope> liveScopes(Document state, String field, String grantee) {
        Map<String, ConsentScope> scopes = new HashMap<>();
        Document grants = state == null ? null : state.get(field, Document.class);
        if (grants == null) {
            return scopes;
        }
        String on = state.getString("evaluatedOn");
        for (String grantId : grants.keySet()) {
            Document g = grants.get(grantId, Document.class);
            if (g.getBoolean("revoked") || !liveOn(g, on)) {
                continue;
            }
            scopes.merge(
                    g.getString(grantee),
                    ConsentScope.valueOf(g.getString("scope")),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return scopes;
    }

    private static boolean liveOn(Document grant, String on) {
        String start = grant.getString("start");
        String end = grant.getString("end");
        return on == null || ((start == null || start.compareTo(on) <= 0) && (end == null || end.compareTo(on) >= 0));
    }

    /** What the member adds to each slice of each support organisation it grants: counters by field path. */
    static Map<String, Map<String, Long>> contributions(Document state, Edition edition) {
        Map<String, Map<String, Long>> result = new HashMap<>();
        scopes(state).forEach((supportOrganization, scope) -> {
            Map<String, Long> c = contribution(state, scope, edition);
            for (String slice : slices(supportOrganization, state)) {
                result.put(slice, c);
            }
        });
        return result;
    }

    static Map<String, Long> contribution(Document state, ConsentScope scope, Edition edition) {
        Map<String, Long> c = new TreeMap<>();
        c.put("members", 1L);
        c.put("level." + levelOf(state), 1L);
        if (lapsed(state)) {
            c.put("standingLapsed", 1L);
        }
        boolean scores = scope.includes(ConsentScope.LEVEL_AND_SCORES);
        if (scores) { // the list shows whether a review is overdue from LEVEL_AND_SCORES up, so only they count
            c.put("reviewable", 1L);
            if (overdue(state)) {
                c.put("overdue", 1L);
            }
        }
        Set<String> declined = new TreeSet<>(state.getList("levelDown", String.class, List.of()));
        if (scores) {
            declined.addAll(state.getList("scoreDown", String.class, List.of()));
        }
        declined.forEach(period -> c.put("declined." + period, 1L));
        Integer score = state.getInteger("score");
        if (score != null && scores) {
            c.put("scored", 1L);
            c.put("scoreSum", score.longValue());
            c.put("hist." + (score - MIN_SCORE), 1L);
            c.put("band." + fieldSafe(state.getString("band")), 1L);
        }
        if (!scope.includes(ConsentScope.FULL_DETAIL)) {
            return c;
        }
        c.put("fullDetail", 1L);
        for (String action : state.getList("keyActions", String.class, List.of())) {
            if (isKeyAction(edition, action)) {
                c.put("keyAction." + fieldSafe(action), 1L);
            }
        }
        Document answers = state.get("answers", Document.class);
        if (answers != null) {
            c.put("detailed", 1L);
            for (String item : answers.keySet()) {
                c.put("answered." + fieldSafe(item), 1L);
                if ("DONE".equals(answers.getString(item))) {
                    c.put("done." + fieldSafe(item), 1L);
                }
            }
        }
        Document controls = state.get("controls", Document.class);
        if (controls != null && !controls.isEmpty()) {
            c.put("controlled", 1L);
            chapterCounts(controls, edition).forEach((chapter, counts) -> {
                c.put("chapter." + chapter + ".implemented", counts[0]);
                c.put("chapter." + chapter + ".applicable", counts[1]);
            });
        }
        return c;
    }

    /** Whether {@code action} is one of the edition's key actions (経営者編), the only ones a rollup reports. */
    static boolean isKeyAction(Edition edition, String action) {
        return edition.keyActions().stream().anyMatch(k -> k.id().equals(action));
    }

    /**
     * Per chapter of {@code edition}: {implemented, applicable}. A control with no status yet applies and is not
     * implemented; one marked not applicable does not count.
     */
    static Map<String, long[]> chapterCounts(Document controls, Edition edition) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (Edition.ControlChapter chapter : edition.controlChapters()) {
            long implemented = 0;
            long applicable = 0;
            for (Edition.Control control : chapter.controls()) {
                String status = controls.getString(fieldSafe(control.id()));
                if (ControlStatus.NOT_APPLICABLE.name().equals(status)) {
                    continue;
                }
                applicable++;
                if (ControlStatus.IMPLEMENTED.name().equals(status)) {
                    implemented++;
                }
            }
            counts.put(chapter.id(), new long[] {implemented, applicable});
        }
        return counts;
    }

    /**
     * What the member adds to its cohort (same industry and SME class, and the industry alone): its latest score and
     * part subtotals, when it has an industry, a sheet, and a live grant that includes scores. Prefixed with the
     * cohort id ({@code <industry>|<class>:}).
     */
    static Map<String, Long> cohortContribution(Document state) {
        Map<String, Long> c = new TreeMap<>();
        if (state == null || state.getString("industry") == null || state.getInteger("score") == null) {
            return c;
        }
        boolean scores = scopes(state).values().stream().anyMatch(s -> s.includes(ConsentScope.LEVEL_AND_SCORES));
        if (!scores) {
            return c;
        }
        int score = state.getInteger("score");
        Document parts = state.get("parts", Document.class);
        Set<String> cohortIds = new TreeSet<>(List.of(cohort(state.getString("industry"), null)));
        if (state.getString("smeClass") != null) {
            cohortIds.add(cohort(state.getString("industry"), state.getString("smeClass")));
        }
        for (String id : cohortIds) {
            String cohort = id + ":";
            c.put(cohort + "members", 1L);
            c.put(cohort + "scoreSum", (long) score);
            c.put(cohort + "hist." + (score - MIN_SCORE), 1L);
            if (parts != null) {
                for (String part : parts.keySet()) {
                    c.put(
                            cohort + "part." + part + ".sum",
                            parts.get(part, Number.class).longValue());
                    c.put(cohort + "part." + part + ".n", 1L);
                }
            }
        }
        return c;
    }

    static String cohort(String industry, String smeClass) {
        return industry + "|" + orAny(smeClass);
    }

    static Map<String, Long> difference(Map<String, Long> old, Map<String, Long> now) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> delta.merge(k, v, Long::sum));
        old.forEach((k, v) -> delta.merge(k, -v, Long::sum));
        delta.values().removeIf(v -> v == 0);
        return delta;
    }

    static String fieldSafe(String key) {
        return key == null ? "UNKNOWN" : key.replace('.', '_').replace('$', '_');
    }
}
