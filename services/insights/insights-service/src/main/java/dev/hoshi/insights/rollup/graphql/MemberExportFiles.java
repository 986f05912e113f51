package dev.hoshi.insights.rollup.graphql;

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

/** The member list as a file: CSV (UTF-8, header row) or an .xlsx workbook, both with Japanese headers. */
final class MemberExportFiles {

    static final String CSV_TYPE = "text/csv; charset=UTF-8";
    static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int ITEMS = 25;
    /** The score column (0-based), written as a number. */
    static final int SCORE_COLUMN = 7;

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
                "自社診断の点数",
                "評価",
                "診断日",
                "見直し期限超過"));
        for (int i = 1; i <= ITEMS; i++) {
            headers.add("Q" + i);
        }
        return headers;
    }

    /** One row per member; a field beyond the member's scope is left empty. */
    static List<String> row(MemberView m) {
        List<String> row = new ArrayList<>(List.of(
                m.organizationId(),
                text(m.name()),
                m.scope(),
                text(m.industry()),
                text(m.smeClass()),
                text(m.prefecture()),
                m.level(),
                m.score() == null ? "" : m.score().toString(),
                text(m.band()),
                text(m.assessedOn()),
                m.reviewOverdue() == null ? "" : m.reviewOverdue() ? "はい" : "いいえ"));
        Map<String, String> answers = m.answers() == null
                ? Map.of()
                : m.answers().stream().collect(Collectors.toMap(ItemAnswerView::item, ItemAnswerView::answer));
        for (int i = 1; i <= ITEMS; i++) {
            row.add(answers.getOrDefault("Q" + i, ""));
        }
        return row;
    }

    static byte[] csv(List<MemberView> members) {
        StringBuilder out = new StringBuilder();
        line(out, headers());
        members.forEach(m -> line(out, row(m)));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(List<MemberView> members) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("会員");
            write(sheet.createRow(0), headers());
            for (int i = 0; i < members.size(); i++) {
                Row row = sheet.createRow(i + 1);
                MemberView m = members.get(i);
                write(row, row(m));
                if (m.score() != null) {
                    row.getCell(SCORE_COLUMN).setCellValue(m.score()); // a number, so spreadsheets can sort and sum it
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Row row, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            row.createCell(i).setCellValue(values.get(i));
        }
    }

    /** RFC 4180: quote every field, double inner quotes, CRLF line ends. */
    private static void line(StringBuilder out, List<String> values) {
        out.append(values.stream()
                        .map(v -> "\"" + v.replace("\"", "\"\"") + "\"")
                        .collect(Collectors.joining(",")))
                .append("\r\n");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
