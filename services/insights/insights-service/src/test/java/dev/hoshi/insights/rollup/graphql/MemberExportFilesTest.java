package dev.hoshi.insights.rollup.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.catalog.Catalog;
import dev.hoshi.catalog.Edition;
import dev.hoshi.insights.api.rollup.MemberPageView.ItemAnswerView;
import dev.hoshi.insights.api.rollup.MemberPageView.MemberView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
            100,
            "ENTRY_LEVEL_ACHIEVED",
            "2026-09-03",
            false,
            List.of(new ItemAnswerView("Q1", "DONE"), new ItemAnswerView("Q25", "PARTLY")));
    private final MemberView levelOnly = new MemberView(
            "m7", "鈴木商店", "LEVEL_ONLY", null, null, null, "ONE_STAR_DECLARED", null, null, null, null, null);

    @Test
    void theCsvHasAJapaneseHeaderRowAndLeavesOutOfScopeFieldsEmpty() {
        String csv = new String(MemberExportFiles.csv(List.of(full, levelOnly), EDITION), StandardCharsets.UTF_8);
        List<List<String>> rows = parse(csv);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("組織ID", "組織名", "開示範囲").hasSize(36).endsWith("Q25");
        assertThat(rows.get(1))
                .startsWith(
                        "m1", "佐藤製作所, \"本社\"", "詳細まで", "E 製造業", "小規模企業者", "東京都", "★★ 宣言済み", "100", "入門レベルの対策ができている");
        assertThat(rows.get(1).get(11)).isEqualTo("実施している");
        assertThat(rows.get(1).get(35)).isEqualTo("一部実施している");
        assertThat(rows.get(2)).startsWith("m7", "鈴木商店", "段階のみ", "", "", "", "★ 宣言済み", "", "", "", "");
    }

    @Test
    void theWorkbookReadsBackWithTheSameHeadersAndRows() throws Exception {
        try (XSSFWorkbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(MemberExportFiles.xlsx(List.of(full, levelOnly), EDITION)))) {
            Sheet sheet = workbook.getSheet("会員");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("組織ID");
            assertThat(sheet.getRow(0).getCell(7).getStringCellValue()).isEqualTo("自社診断の点数");
            assertThat(sheet.getRow(0).getLastCellNum()).isEqualTo((short) 36);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("佐藤製作所, \"本社\"");
            assertThat(sheet.getRow(1).getCell(7).getNumericCellValue()).isEqualTo(100.0);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("m7");
            assertThat(sheet.getRow(2).getCell(7).getStringCellValue()).isEmpty();
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
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
