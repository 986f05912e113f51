package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;

/**
 * The major divisions (大分類) of the Japan Standard Industrial Classification (日本標準産業分類, JSIC), A to T, with
 * their official Japanese and English names. Which SME sector (中小企業基本法) each division belongs to is data, kept
 * by the directory service, not here.
 */
public enum JsicDivision {
    A("農業，林業", "Agriculture and forestry"),
    B("漁業", "Fisheries"),
    C("鉱業，採石業，砂利採取業", "Mining and quarrying of stone and gravel"),
    D("建設業", "Construction"),
    E("製造業", "Manufacturing"),
    F("電気・ガス・熱供給・水道業", "Electricity, gas, heat supply and water"),
    G("情報通信業", "Information and communications"),
    H("運輸業，郵便業", "Transport and postal activities"),
    I("卸売業，小売業", "Wholesale and retail trade"),
    J("金融業，保険業", "Finance and insurance"),
    K("不動産業，物品賃貸業", "Real estate and goods rental and leasing"),
    L("学術研究，専門・技術サービス業", "Scientific research, professional and technical services"),
    M("宿泊業，飲食サービス業", "Accommodations, eating and drinking services"),
    N("生活関連サービス業，娯楽業", "Living-related and personal services and amusement services"),
    O("教育，学習支援業", "Education, learning support"),
    P("医療，福祉", "Medical, health care and welfare"),
    Q("複合サービス事業", "Compound services"),
    R("サービス業（他に分類されないもの）", "Services, not elsewhere classified"),
    S("公務（他に分類されるものを除く）", "Government, except elsewhere classified"),
    T("分類不能の産業", "Industries unable to classify");

    private final String nameJa;
    private final String nameEn;

    JsicDivision(String nameJa, String nameEn) {
        this.nameJa = nameJa;
        this.nameEn = nameEn;
    }

    /** The division's letter, A to T. */
    public String code() {
        return name();
    }

    public String nameJa() {
        return nameJa;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The division with letter {@code code} (A to T), else {@code INVALID_INDUSTRY}. */
    public static JsicDivision fromCode(String code) {
        String letter = code == null ? "" : code.strip();
        for (JsicDivision division : values()) {
            if (division.name().equals(letter)) {
                return division;
            }
        }
        throw new HoshiException(
                "INVALID_INDUSTRY",
                ErrorKind.INVALID_INPUT,
                "An industry is a JSIC major division, a letter from A to T; '" + code + "' is not.",
                "業種は日本標準産業分類の大分類（A〜T の1文字）で指定してください（入力値: " + code + "）。");
    }
}
