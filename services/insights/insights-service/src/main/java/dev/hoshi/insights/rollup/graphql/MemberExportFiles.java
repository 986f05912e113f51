package dev.hoshi.insights.rollup.graphql;

import dev.hoshi.catalog.Edition;
import dev.hoshi.directory.api.organization.JsicDivision;
import dev.hoshi.directory.api.organization.Prefecture;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The member list as a file: CSV (UTF-8, header row) or an .xlsx workbook, both in Japanese: headers and values
 * (levels, scopes, classes, prefectures, bands and answers by their Japanese names; the catalog edition gives the
 * band and answer labels). Organisation ids stay as they are.
 *
 * <p>Beside the level bucket stand the declared level and Hoshi's standing of it (with the lapse's reason and date).
 * Their headers carry the English field name too ({@code Hoshi上の状況 / standing}), since the standing is Hoshi's
 * monitoring rule and not part of IPA's declaration.
 */
final class MemberExportFiles {

    private static final Map<String, String> LEVELS = Map.of(
            "NONE", "未宣言",
            "ONE_STAR_ELIGIBLE", "★ 宣言できる",
            "ONE_STAR_DECLARED", "★ 宣言済み",
            "TWO_STARS_ELIGIBLE", "★★ 宣言できる",
            "TWO_STARS_DECLARED", "★★ 宣言済み");
    private static final Map<String, String> DECLARED = Map.of(
            "NONE", "未宣言",
            "ONE_STAR", "★ 一つ星",
            "TWO_STARS", "★★ 二つ星");
    private static final Map<String, String> STANDINGS = Map.of(
            "NOT_DECLARED", "未宣言",
            "GOOD", "良好",
            "PREREQUISITES_LAPSED", "前提条件の失効");
    private static final Map<String, String> LAPSE_REASONS = Map.of(
            "POLICY_WITHDRAWN", "基本方針の撤回",
            "POLICY_NOT_PUBLISHED", "基本方針が未公開",
            "ASSESSMENT_EXPIRED", "自社診断の見直し期限切れ");
    private static final Map<String, String> SCOPES =
            Map.of("LEVEL_ONLY", "段階のみ", "LEVEL_AND_SCORES", "段階と点数", "FULL_DETAIL", "詳細まで");
    private static final Map<String, String> CLASSES = Map.of("SMALL", "小規模企業者", "MEDIUM", "中規模企業", "LARGE", "大企業");

    static final String CSV_TYPE = "text/csv; charset=UTF-8";
    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int ITEMS = 25;
    static final String SCORE_HEADER = "自社診断の点数";
    /** The score column (0-based), written as a number. */
    static final int SCORE_COLUMN = headers().indexOf(SCORE_HEADER);

    private MemberExportFiles() {}

    static List<String> headers() {
        List<String> headers = new ArrayList<>(List.of(
                "組織ID",
                "組織名",
                "開示範囲",
                "業種（大分類）",
                "企業規模",
                "都道府県",
                "SECURITY ACTION",
                "宣言済みの段階 / declared level",
                "Hoshi上の状況 / standing",
                "失効の理由 / lapse reason",
                "失効日 / lapsed on",
                SCORE_HEADER,
                "評価",
                "診断日",
                "見直し期限超過"));
        for (int i = 1; i <= ITEMS; i++) {
            headers.add("Q" + i);
        }
        return headers;
    }

    /** One row per member; a field beyond the member's scope is left empty. */
    static List<String> row(MemberView m, Edition edition) {
        List<String> row = new ArrayList<>(List.of(
                m.organizationId(),
                text(m.name()),
                SCOPES.getOrDefault(m.scope(), m.scope()),
                m.industry() == null
                        ? ""
                        : m.industry() + " "
                                + JsicDivision.fromCode(m.industry()).nameJa(),
                m.smeClass() == null ? "" : CLASSES.getOrDefault(m.smeClass(), m.smeClass()),
                m.prefecture() == null
                        ? ""
                        : Prefecture.fromCode(m.prefecture()).nameJa(),
                LEVELS.getOrDefault(m.level(), m.level()),
                label(DECLARED, m.declaredLevel()),
                label(STANDINGS, m.standing()),
                label(LAPSE_REASONS, m.lapseReason()),
                text(m.lapsedOn()),
                m.score() == null ? "" : m.score().toString(),
                m.band() == null ? "" : bandLabel(edition, m.band()),
                text(m.assessedOn()),
                m.reviewOverdue() == null ? "" : m.reviewOverdue() ? "はい" : "いいえ"));
        Map<String, String> answers = m.answers() == null
                ? Map.of()
                : m.answers().stream().collect(Collectors.toMap(ItemAnswerView::item, ItemAnswerView::answer));
        for (int i = 1; i <= ITEMS; i++) {
            String answer = answers.get("Q" + i);
            row.add(
                    answer == null
                            ? ""
                            : edition.answer(answer).map(a -> a.label().ja()).orElse(answer));
        }
        return row;
    }

    private static String label(Map<String, String> labels, String code) {
        return code == null ? "" : labels.getOrDefault(code, code);
    }

    private static String bandLabel(Edition edition, String band) {
        return edition.bands().stream()
                .filter(b -> b.code().equals(band))
                .map(b -> b.label().ja())
                .findFirst()
                .orElse(band);
    }

    static byte[] csv(List<MemberView> members, Edition edition) {
        StringBuilder out = new StringBuilder();
        line(out, headers());
        members.forEach(m -> line(out, row(m, edition)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(List<MemberView> members, Edition edition) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("会員");
            write(sheet.createRow(0), headers());
            for (int i = 0; i < members.size(); i++) {
                Row row = sheet.createRow(i + 1);
                MemberView m = members.get(i);
                write(row, row(m, edition));
                if (m.score() != null) {
                    row.getCell(SCORE_COLUMN).setCellValue(m.score()); // a number, so spreadsheets can sort and sum it
                }
            }
            Sheet source = workbook.createSheet(SOURCE_SHEET);
            List<List<String>> rows = sourceRows(edition);
            for (int i = 0; i < rows.size(); i++) {
                write(source.createRow(i), rows.get(i));
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String SOURCE_SHEET = "出典";

    /**
     * The workbook's second sheet: where the band and answer labels come from (出典, 「～を基に作成」, the URL), whose
     * wording they are, and that SECURITY ACTION is IPA's programme, not Hoshi's. (The CSV keeps one header row and
     * one row per member, for the programs that read it.)
     */
    static List<List<String>> sourceRows(Edition edition) {
        Edition.Source source = edition.source();
        return List.of(
                List.of("出典", edition.citation().ja()),
                List.of("基に作成", source.adaptation().ja()),
                List.of("URL", source.url() + (source.unconfirmed().contains("url") ? "（未確認）" : "")),
                List.of("表記", edition.wording().ja()),
                List.of("SECURITY ACTION", "SECURITY ACTIONはIPAの登録商標です。宣言はIPAが受け付けるもので、Hoshiは認定・認証を行いません。"));
    }

    /** Every value as a string cell (never a formula, whatever it starts with); the score is set as a number after. */
    private static void write(Row row, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            row.createCell(i).setCellValue(values.get(i));
        }
    }

    /**
     * RFC 4180: quote every field, double inner quotes, CRLF line ends; and every field {@link #spreadsheetSafe}, since
     * members name themselves and a spreadsheet would run a name such as {@code =HYPERLINK(...)} as a formula.
     */
    private static void line(StringBuilder out, List<String> values) {
        out.append(values.stream()
                        .map(MemberExportFiles::spreadsheetSafe)
                        .map(v -> "\"" + v.replace("\"", "\"\"") + "\"")
                        .collect(Collectors.joining(",")))
                .append("\r\n");
    }

    /**
     * A field a spreadsheet reads as text: one starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
     * carriage return (which a spreadsheet may take for the start of a formula, quoted or not) gets a leading single
     * quote, as OWASP's "CSV injection" page recommends. No exported number is negative, so none is changed.
     */
    static String spreadsheetSafe(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
