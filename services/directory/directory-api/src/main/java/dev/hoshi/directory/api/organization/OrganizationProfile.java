package dev.hoshi.directory.api.organization;

/**
 * What an organisation says about itself: enough to derive its SME class (中小企業基本法) and to group it with its
 * peers. Organisation data, not personal data.
 *
 * @param industry the JSIC major division (大分類) of its main business
 * @param smeSector the SME sector its owner chose where the division spans several (e.g. division I: wholesale or
 *     retail); {@code null} when the division's own sector applies
 * @param employees 常時使用する従業員の数: regular employees, not counting officers (役員)
 * @param capitalYen 資本金の額又は出資の総額 in yen; {@code null} for sole proprietors (個人事業主), who have none
 * @param prefecture where its head office is (本社所在地)
 * @param nameEn its English name, optional
 */
public record OrganizationProfile(
        JsicDivision industry,
        SmeSector smeSector,
        int employees,
        Long capitalYen,
        Prefecture prefecture,
        String nameEn) {}
