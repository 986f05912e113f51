package dev.hoshi.compliance.reminder;

import dev.hoshi.directory.api.person.NotificationLanguage;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** A reminder's subject and body, in the person's language: what happened, what to do, and the page to do it on. */
record ReminderText(String subject, String body) {

    /** One occasion's wording; {org}, {review}, {date}, {days} and {reason} are filled in. */
    private record Wording(String subject, String what, String todo) {}

    private record Language(
            Map<Occasion, Wording> wording,
            String selfAssessment,
            String policyReview,
            Map<String, String> lapseReasons,
            String greeting,
            String footer,
            DateTimeFormatter dates) {}

    private static final Wording JA_DUE = new Wording(
            "【Hoshi】{org}：{review}の期限まであと{days}日です",
            "{review}の期限は{date}です（あと{days}日）。",
            "期限までに{review}を行い、Hoshiに記録してください。");
    private static final Wording EN_DUE = new Wording(
            "[Hoshi] {org}: your {review} is due in {days} days",
            "Your {review} is due on {date} (in {days} days).",
            "Please complete it by then and record it in Hoshi.");

    private static final Language JA = new Language(
            Map.of(
                    Occasion.DUE_IN_30_DAYS,
                    JA_DUE,
                    Occasion.DUE_IN_7_DAYS,
                    JA_DUE,
                    Occasion.REVIEW_OVERDUE,
                    new Wording(
                            "【Hoshi】{org}：{review}の期限を過ぎました",
                            "{review}の期限（{date}）を過ぎました。",
                            "できるだけ早く{review}を行い、Hoshiに記録してください。"),
                    Occasion.TWO_STARS_LAPSED,
                    new Wording(
                            "【Hoshi】{org}：二つ星の前提条件が満たされなくなりました",
                            "{date}から、SECURITY ACTION 二つ星の前提条件が満たされていません（{reason}）。" + "宣言そのものは変わりませんが、これはHoshiの判定です。",
                            "前提条件を満たし直すと、Hoshiの判定はすぐに「良好」に戻ります。")),
            "自社診断（情報セキュリティ自社診断）の再実施",
            "情報セキュリティ基本方針の見直し",
            Map.of(
                    "POLICY_WITHDRAWN", "基本方針が撤回されました",
                    "POLICY_NOT_PUBLISHED", "新しい基本方針がまだ公開されていません",
                    "ASSESSMENT_EXPIRED", "自社診断が見直し期間を過ぎました"),
            "{org} ご担当者様",
            "このメールはHoshiから自動で送信しています。配信の設定は連絡先設定（setMyContactPreferences）で変更できます。",
            DateTimeFormatter.ofPattern("yyyy年M月d日"));

    private static final Language EN = new Language(
            Map.of(
                    Occasion.DUE_IN_30_DAYS,
                    EN_DUE,
                    Occasion.DUE_IN_7_DAYS,
                    EN_DUE,
                    Occasion.REVIEW_OVERDUE,
                    new Wording(
                            "[Hoshi] {org}: your {review} is overdue",
                            "Your {review} was due on {date} and is now overdue.",
                            "Please complete it as soon as you can and record it in Hoshi."),
                    Occasion.TWO_STARS_LAPSED,
                    new Wording(
                            "[Hoshi] {org}: the prerequisites of your ★★ no longer hold",
                            "Since {date} the prerequisites of your SECURITY ACTION ★★ no longer hold ({reason})."
                                    + " Your declaration itself is unchanged; this is Hoshi's own check.",
                            "Once the prerequisites hold again, Hoshi's standing returns to GOOD at once.")),
            "self-assessment (情報セキュリティ自社診断)",
            "review of your basic security policy",
            Map.of(
                    "POLICY_WITHDRAWN", "the basic policy was withdrawn",
                    "POLICY_NOT_PUBLISHED", "the new basic policy is not published yet",
                    "ASSESSMENT_EXPIRED", "the self-assessment is older than the review period"),
            "Dear {org},",
            "Hoshi sends this automatically. You can turn reminders off in your contact preferences"
                    + " (setMyContactPreferences).",
            DateTimeFormatter.ISO_LOCAL_DATE);

    static ReminderText of(OutboxEntry entry, NotificationLanguage language, String webUrl) {
        Language l = language == NotificationLanguage.EN ? EN : JA;
        Wording w = l.wording().get(entry.occasion());
        Map<String, String> values = Map.of(
                "{org}", entry.organizationName(),
                "{review}", "BASIC_POLICY".equals(entry.subject()) ? l.policyReview() : l.selfAssessment(),
                "{date}", l.dates().format(entry.date()),
                "{days}", String.valueOf(entry.occasion().daysBefore()),
                "{reason}", l.lapseReasons().getOrDefault(entry.subject(), entry.subject()));
        String link = webUrl + "/app/orgs/" + entry.organizationId();
        String body = String.join(
                "\n",
                fill(l.greeting(), values),
                "",
                fill(w.what(), values),
                fill(w.todo(), values),
                "",
                link,
                "",
                l.footer(),
                "");
        return new ReminderText(fill(w.subject(), values), body);
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace(value.getKey(), value.getValue());
        }
        return out;
    }
}
