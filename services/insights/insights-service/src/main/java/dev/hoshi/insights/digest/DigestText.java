package dev.hoshi.insights.digest;

import dev.hoshi.directory.api.person.NotificationLanguage;
import dev.hoshi.insights.api.rollup.SuppressionReason;
import dev.hoshi.insights.digest.DigestEntry.Figures;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A digest's subject and body in the analyst's language: the month's headline figures as the rollup showed them, each
 * withheld figure said to be withheld and why (the reasons as the GraphQL enum describes them), and the page to see
 * more on.
 */
record DigestText(String subject, String body) {

    private record Language(
            String subject,
            String intro,
            String members,
            String levels,
            List<String> levelNames,
            String standingLapsed,
            String declined,
            String reviewsOverdue,
            String scores,
            String scoreFigures,
            String withheld,
            Map<SuppressionReason, String> reasons,
            String more,
            String footer,
            DateTimeFormatter months) {}

    private static final Language JA = new Language(
            "【Hoshi】{support}：会員の月次まとめ（{month}）",
            "{month}末時点で、{support}にデータの閲覧を許可している会員のまとめです（Hoshiに記録された内容です）。",
            "許可している会員数",
            "SECURITY ACTION の段階",
            List.of("未宣言", "★ 宣言できる", "★ 宣言済み", "★★ 宣言できる", "★★ 宣言済み"),
            "宣言の前提条件が満たされていない会員（Hoshiの判定）",
            "今月、段階・状況・点数が下がった会員",
            "見直し期限を過ぎた会員",
            "自社診断の点数",
            "平均 {mean} 点 / 中央値 {median} 点",
            "非表示（{reason}）",
            Map.of(
                    SuppressionReason.SMALL_GROUP, "開示基準の人数に満たない",
                    SuppressionReason.SMALL_COMPLEMENT, "絞り込みで除外される会員が少なすぎる",
                    SuppressionReason.SMALL_CHANGE, "前回表示との差が少なすぎる"),
            "詳しくはこちら：",
            "このメールはHoshiから毎月自動で送信しています。月次まとめが不要な場合は、連絡先設定（setMyContactPreferences）で" + "MONTHLY_DIGEST をオフにしてください。",
            DateTimeFormatter.ofPattern("yyyy年M月", Locale.JAPAN));

    private static final Language EN = new Language(
            "[Hoshi] {support}: your members' monthly digest ({month})",
            "Your members who let {support} see their data, as Hoshi recorded them at the end of {month}.",
            "Consenting members",
            "SECURITY ACTION levels",
            List.of("none", "★ eligible", "★ declared", "★★ eligible", "★★ declared"),
            "Declared levels whose prerequisites lapsed (Hoshi's own check)",
            "Members whose level, standing or score went down this month",
            "Members with a review overdue",
            "Self-assessment scores",
            "mean {mean} / median {median}",
            "withheld ({reason})",
            Map.of(
                    SuppressionReason.SMALL_GROUP, "fewer members than the disclosure threshold",
                    SuppressionReason.SMALL_COMPLEMENT, "the members the filter leaves out are too few",
                    SuppressionReason.SMALL_CHANGE, "too few members changed since a figure shown before"),
            "More on the page:",
            "Hoshi sends this every month. To stop it, turn MONTHLY_DIGEST off in your contact preferences"
                    + " (setMyContactPreferences).",
            DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));

    static DigestText of(DigestEntry entry, NotificationLanguage language, String webUrl) {
        Language l = language == NotificationLanguage.EN ? EN : JA;
        Figures f = entry.figures();
        String month = l.months().format(entry.month());
        List<String> lines = new ArrayList<>();
        lines.add(fill(l.intro(), entry.supportOrganizationId(), month));
        lines.add("");
        lines.add(
                l.members() + ": " + (f.members() == null ? withheld(l, SuppressionReason.SMALL_GROUP) : f.members()));
        if (f.levelsWithheld() != null) {
            lines.add(l.levels() + ": " + withheld(l, f.levelsWithheld()));
        } else {
            lines.add(l.levels() + ":");
            for (int i = f.levels().size() - 1; i >= 0; i--) {
                lines.add("  " + l.levelNames().get(i) + ": " + f.levels().get(i));
            }
            lines.add(l.standingLapsed() + ": " + f.standingLapsed());
            lines.add(l.declined() + ": " + f.declined());
        }
        lines.add(l.reviewsOverdue() + ": "
                + (f.reviewsOverdueWithheld() != null ? withheld(l, f.reviewsOverdueWithheld()) : f.reviewsOverdue()));
        lines.add(l.scores() + ": "
                + (f.scoresWithheld() != null
                        ? withheld(l, f.scoresWithheld())
                        : l.scoreFigures()
                                .replace("{mean}", String.format(Locale.ROOT, "%.1f", f.scoreMean()))
                                .replace("{median}", String.format(Locale.ROOT, "%.1f", f.scoreMedian()))));
        lines.add("");
        lines.add(l.more());
        lines.add(webUrl + "/app/association/" + entry.supportOrganizationId());
        lines.add("");
        lines.add(l.footer());
        lines.add("");
        return new DigestText(fill(l.subject(), entry.supportOrganizationId(), month), String.join("\n", lines));
    }

    private static String withheld(Language l, SuppressionReason reason) {
        return l.withheld().replace("{reason}", l.reasons().get(reason));
    }

    private static String fill(String template, String support, String month) {
        return template.replace("{support}", support).replace("{month}", month);
    }
}
