package dev.hoshi.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboards in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) against the
 * running system, as {@code infra/start.sh} runs it, seeded with the demo data. Every page is photographed in both
 * languages under {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebDashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** A new organisation per run, so that the suite may also run against a system already up (see below). */
    private static final String FRESH =
            "web-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    /** The demo bank's partner client id. */
    private static final String BANK = "bank-demo";

    @TempDir
    static Path data;

    static LocalStack stack;
    static DemoData demo;
    static String base;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "The browser suite needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does this in CI)";
            System.err.println("\n!!! WebDashboardIT DID NOT RUN: " + message + "\n");
            if (ci) {
                throw new IllegalStateException(message);
            }
            Assumptions.abort(message);
        }
        // -Dhoshi.web.gateway=http://127.0.0.1:8080 runs the suite against a seeded system already running
        String running = System.getProperty("hoshi.web.gateway", "");
        if (!running.isBlank()) {
            base = running;
            demo = new DemoData(base);
        } else {
            startStack();
        }
        freshOrganisationAndBrowser();
    }

    private static void startStack() throws Exception {
        LocalStack.Config config = LocalStackFixture.config(data);
        stack = LocalStack.start(config, line -> System.out.println("[web] " + line));
        base = config.gatewayUrl();
        demo = new DemoData(base);
        demo.seed(line -> System.out.println("[web] " + line));
    }

    private static void freshOrganisationAndBrowser() throws Exception {
        // a fresh organisation owned by sato, with suzuki as its viewer
        String operator = demo.token("operator");
        demo.graphql(
                "directory",
                operator,
                null,
                "mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) {"
                        + " organization { id } errors { code } } }",
                Map.of("input", Map.of("id", FRESH, "name", "日の出工業株式会社", "owner", "demo-sato")));
        String sato = demo.token("sato");
        for (int attempt = 1; ; attempt++) {
            try {
                demo.graphql(
                        "directory",
                        sato,
                        FRESH,
                        "mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) {"
                                + " errors { code } } }",
                        Map.of("input", Map.of("userId", "demo-suzuki", "role", "VIEWER")));
                break;
            } catch (IllegalStateException notYetKnown) {
                // directory's own view of the new organisation's people follows its registration
                if (attempt == 60) {
                    throw notYetKnown;
                }
                Thread.sleep(500);
            }
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,2400",
                // the browser's network ends at this machine: every host name but 127.0.0.1 fails to resolve, and
                // any other address goes to a proxy that is not there (loopback is never sent to a proxy)
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9");
        // every request the pages make, read back from the performance log (NetworkLog)
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Whatever the test's pages asked for: all of it from this machine, and all of it loaded. */
    @AfterEach
    void everyRequestStayedOnThisMachineAndLoaded() throws IOException {
        NetworkLog.Requests requests = NetworkLog.read(browser, base);
        requests.appendTo(SCREENSHOTS.resolve("requests.txt"));
        assertThat(requests.urls()).as("requests made").isNotEmpty();
        assertThat(requests.outside()).as("requests that left 127.0.0.1").isEmpty();
        assertThat(requests.answeredFromOutside()).as("answers from elsewhere").isEmpty();
        assertThat(requests.failed()).as("requests that did not load").isEmpty();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void thePagesAreJapaneseByDefaultAndSwitchToEnglishAndBack() throws Exception {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("サインイン");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        shoot("signin");

        browser.findElement(By.id("lang-en")).click();
        awaitPresent("lang-ja");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        assertThat(browser.findElement(By.id("persona-sato")).getText()).isEqualTo("Kenichi Sato");
        browser.findElement(By.id("lang-ja")).click();
        awaitPresent("lang-en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("サインイン");
        // the session cookie is HttpOnly and SameSite=Lax; no token is in the browser
        Cookie session = browser.manage().getCookieNamed("HOSHI_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
    }

    @Test
    @Order(2)
    void satoTakesAFreshOrganisationFromNothingToTwoStarsAndRecordsTheDeclarationInTheBrowser() throws Exception {
        signIn("sato");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("佐藤 健一");
        shoot("home-sme");
        open("/app/orgs/" + FRESH, "organization-name");
        assertThat(text("level")).isEqualTo("未宣言");
        assertThat(text("eligible")).isEqualTo("未宣言");
        assertThat(browser.findElements(By.cssSelector("#missing li"))).isNotEmpty();

        for (String article : List.of("A1", "A2", "A3", "A4", "A5")) {
            WebElement box = browser.findElement(By.id("article-" + article));
            if (!box.isSelected()) {
                box.click();
            }
        }
        browser.findElement(By.id("articles-submit")).click();
        awaitText("eligible", "★ 一つ星");

        for (int i = 1; i <= 25; i++) {
            browser.findElement(By.cssSelector("input[name='Q" + i + "'][value='DONE']"))
                    .click();
        }
        browser.findElement(By.id("assessment-submit")).click();
        awaitText("score", "100");
        assertThat(browser.findElement(By.id("band")).getAttribute("data-band")).isEqualTo("ENTRY_LEVEL_ACHIEVED");

        browser.findElement(By.id("policy-adopt-submit")).click();
        awaitPresent("policy-publish-submit");
        // a bad URL: the API's message, in Japanese, next to the field
        browser.findElement(By.id("publicUrl")).sendKeys("http://");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('publicUrl').type='text'");
        browser.findElement(By.id("policy-publish-submit")).click();
        awaitPresent("problems");
        assertThat(text("problems")).contains("http(s) の完全なURL");
        shoot("organization-error");
        browser.findElement(By.id("publicUrl")).clear();
        browser.findElement(By.id("publicUrl")).sendKeys("https://hinode.example.jp/security-policy");
        browser.findElement(By.id("policy-publish-submit")).click();
        awaitText("eligible", "★★ 二つ星");
        assertThat(browser.findElements(By.cssSelector("#missing li[data-missing='DECLARATION']")))
                .hasSize(1);

        // a declaration ID with other than digits is refused with the API's message next to the field
        new Select(browser.findElement(By.id("declaration-level"))).selectByValue("TWO_STARS");
        browser.findElement(By.id("declarationId")).sendKeys("12-AB");
        browser.findElement(By.id("declaration-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> !b.findElements(By.cssSelector("#declaration-form .field-error, #problems"))
                        .isEmpty());
        assertThat(text("level")).isEqualTo("未宣言");

        new Select(browser.findElement(By.id("declaration-level"))).selectByValue("TWO_STARS");
        browser.findElement(By.id("declarationId")).clear();
        browser.findElement(By.id("declarationId")).sendKeys("51234567890");
        browser.findElement(By.id("declaration-submit")).click();
        awaitText("level", "★★ 二つ星");
        assertThat(text("declaration-id")).isEqualTo("51234567890");
        assertThat(text("standing")).startsWith("良好");
        // the sheet just submitted is the score trend's one point
        assertThat(browser.findElements(By.cssSelector("#score-table tbody tr")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#score-chart circle"))).hasSize(1);
        // reviews: a cadence the API refuses, then the policy's review recorded
        browser.findElement(By.id("review-months")).clear();
        browser.findElement(By.id("review-months")).sendKeys("40");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('review-months').removeAttribute('max')");
        browser.findElement(By.id("cadence-submit")).click();
        awaitPresent("problems");
        assertThat(text("problems")).contains("1〜36か月");
        browser.findElement(By.id("review-note")).sendKeys("年次の見直し");
        browser.findElement(By.id("review-submit")).click();
        awaitPresent("done");
        shoot("organization");

        // the executive confirms the first of the 7 key actions (経営者編)
        open("/app/orgs/" + FRESH + "/key-actions", "key-action-list");
        assertThat(browser.findElements(By.cssSelector("#key-action-list tbody tr")))
                .hasSize(7);
        browser.findElement(By.id("note-K1")).sendKeys("方針を社内に掲示");
        browser.findElement(By.id("confirm-submit-K1")).click();
        awaitAttribute("key-action-K1", "data-confirmed", "true");
        assertThat(text("key-action-K1")).contains("方針を社内に掲示");
        shoot("key-actions");
    }

    @Test
    @Order(3)
    void aViewerSeesEverythingAndGetsNoForm() throws Exception {
        signIn("suzuki");
        open("/app/orgs/" + FRESH, "organization-name");
        assertThat(text("role")).isEqualTo("閲覧者");
        assertThat(browser.findElement(By.id("read-only")).isDisplayed()).isTrue();
        assertThat(text("level")).isEqualTo("★★ 二つ星");
        for (String button : List.of(
                "articles-submit",
                "assessment-submit",
                "policy-adopt-submit",
                "policy-publish-submit",
                "policy-withdraw-submit",
                "declaration-submit")) {
            assertThat(browser.findElements(By.id(button))).as(button).isEmpty();
        }
        assertThat(browser.findElements(By.cssSelector("#articles-form input[type=checkbox]")))
                .allSatisfy(box -> assertThat(box.isEnabled()).isFalse());
        shoot("organization-viewer");
    }

    @Test
    @Order(4)
    void anotherOrganisationsPageByUrlIsTheSameAsAMissingOnes() throws Exception {
        signIn("suzuki");
        open("/app/orgs/sato-seisakusho", "not-found");
        String others = browser.findElement(By.tagName("main")).getText();
        String othersTitle = browser.getTitle();
        open("/app/orgs/no-such-organisation", "not-found");
        assertThat(browser.findElement(By.tagName("main")).getText()).isEqualTo(others);
        assertThat(browser.getTitle()).isEqualTo(othersTitle);
        assertThat(browser.getPageSource()).doesNotContain("佐藤製作所");
        shoot("notfound");
    }

    @Test
    @Order(5)
    void tanakaFiltersTheRollupPagesTheMembersAndDownloadsTheExcelFile() throws Exception {
        signIn("tanaka");
        browser.findElement(By.id("my-association")).click();
        awaitPresent("levels");
        // live updates: while the page is open, a member's new self-assessment shows up on it without a reload
        // (the subscription, bridged by the gateway into server-sent events); changes before the subscription is
        // acknowledged are not sent, so the page says when it is watching
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> "open".equals(b.findElement(By.id("live")).getAttribute("data-live-state")));
        demo.graphql(
                "compliance",
                demo.token("sato"),
                "sato-seisakusho",
                "mutation($input: SubmitSelfAssessmentInput!) { submitSelfAssessment(input: $input) {"
                        + " assessmentId errors { code message } } }",
                Map.of("input", Map.of("answers", DemoData.sheet(25, 0, 0, 0)))); // completed today, the server's day
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> b.findElements(By.cssSelector("#live-changes li")).stream()
                        .anyMatch(li ->
                                li.getText().contains("佐藤製作所") && li.getText().contains("点数")));
        assertThat(browser.findElement(By.id("live")).isDisplayed()).isTrue();
        shoot("association-live");
        // the trend: a chart drawn on the server (no script) and its figures as a table, 12 months up to now
        awaitPresent("trend-chart");
        assertThat(browser.findElements(By.cssSelector("#trend-table tbody tr")))
                .hasSize(12);
        assertThat(browser.findElements(By.cssSelector("#trend-chart polyline")))
                .isNotEmpty();
        shoot("association");
        browser.findElement(By.id("trend-quarter")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.getCurrentUrl().contains("trend=QUARTER"));
        awaitPresent("trend-chart");
        assertThat(browser.findElements(By.cssSelector("#trend-table tbody tr")))
                .hasSize(8);
        assertThat(browser.findElement(By.cssSelector("#trend-table tbody tr:last-child td"))
                        .getText())
                .matches("\\d{4}-Q[1-4]");
        new Select(browser.findElement(By.id("industry"))).selectByValue("E");
        browser.findElement(By.id("filter-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.getCurrentUrl().contains("industry=E"));
        awaitPresent("levels");
        assertThat(new Select(browser.findElement(By.id("industry")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("E");

        String href = browser.findElement(By.id("download-xlsx")).getAttribute("href");
        assertThat(href).contains("industry=E");
        browser.findElement(By.id("member-list")).click();
        awaitPresent("members");
        assertThat(browser.findElements(By.cssSelector("#members tbody tr"))).isNotEmpty();
        shoot("members");

        // the Excel file as the browser would download it: the same session cookie, then read back
        java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(href))
                                .header(
                                        "Cookie",
                                        "HOSHI_SESSION="
                                                + browser.manage()
                                                        .getCookieNamed("HOSHI_SESSION")
                                                        .getValue())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        StringBuilder sheets = new StringBuilder();
        try (java.util.zip.ZipInputStream zip =
                new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(file.body()))) {
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("xl/")) {
                    sheets.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        // a consenting member of industry E is in the file (its name in the shared strings or inline)
        assertThat(sheets.toString()).contains("佐藤製作所");
    }

    @Test
    @Order(6)
    void theBankLooksUpAnAttestationAndSeesTheSignedStatement() throws Exception {
        signIn("bank");
        browser.findElement(By.id("partner-lookup")).click();
        browser.findElement(By.id("q")).sendKeys("sato-seisakusho");
        browser.findElement(By.id("attestation-submit")).click();
        awaitPresent("statement");
        assertThat(text("attested-organization")).isEqualTo("sato-seisakusho");
        assertThat(text("statement")).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        shoot("attestation");
        // an organisation that granted the bank nothing reads like one that does not exist
        open("/app/attestation?q=" + FRESH, "attestation-not-found");
        String refused = text("attestation-not-found");
        open("/app/attestation?q=no-such-organisation", "attestation-not-found");
        assertThat(text("attestation-not-found")).isEqualTo(refused);
    }

    @Test
    @Order(7)
    void satoKeepsTheControlsBoardGrantsTheBankAccessSeesWhoViewedTheDataAndRevokes() throws Exception {
        signIn("sato");
        open("/app/orgs/" + FRESH + "/controls", "controls");
        // a bad evidence URL: the API's message next to the field, nothing saved
        new Select(browser.findElement(By.id("form-C01-01-status"))).selectByValue("IMPLEMENTED");
        browser.findElement(By.id("form-C01-01-evidenceUrl")).sendKeys("http://");
        browser.findElement(By.id("form-C01-01-submit")).click();
        awaitCss("#control-C01-01 .field-error");
        assertThat(browser.findElement(By.cssSelector("#control-C01-01 .field-error"))
                        .getText())
                .contains("http(s) の完全なURL");
        shoot("controls-error");
        new Select(browser.findElement(By.id("form-C01-01-status"))).selectByValue("IMPLEMENTED");
        browser.findElement(By.id("form-C01-01-evidenceUrl")).clear();
        browser.findElement(By.id("form-C01-01-evidenceUrl")).sendKeys("https://hinode.example.jp/evidence/c01");
        browser.findElement(By.id("form-C01-01-owner")).sendKeys("demo-sato");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('form-C01-01-dueOn').value = '2027-03-31'");
        browser.findElement(By.id("form-C01-01-submit")).click();
        awaitPresent("done");
        awaitAttribute("control-C01-01", "data-status", "IMPLEMENTED");
        assertThat(browser.findElement(By.id("form-C01-01-owner")).getAttribute("value"))
                .isEqualTo("demo-sato");
        // the board filtered by status: only what is implemented, still by chapter
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("IMPLEMENTED");
        browser.findElement(By.id("controls-filter-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.getCurrentUrl().contains("status=IMPLEMENTED"));
        assertThat(browser.findElements(By.cssSelector("#controls tbody tr")))
                .extracting(row -> row.getAttribute("id"))
                .containsExactly("control-C01-01");
        assertThat(browser.findElements(By.id("chapter-C01"))).hasSize(1);
        shoot("controls");

        // the timeline: who did what, when it was recorded and when it took effect
        open("/app/orgs/" + FRESH + "/timeline", "timeline-entries");
        assertThat(browser.findElements(By.cssSelector("#timeline-entries td.actor")))
                .extracting(WebElement::getText)
                .anySatisfy(actor -> assertThat(actor).contains("demo-sato"));
        shoot("timeline");

        // consent: an unknown partner is refused next to its field; the bank is granted the level only
        open("/app/orgs/" + FRESH + "/consent", "grant-form");
        browser.findElement(By.id("granteeId")).sendKeys("nobody");
        browser.findElement(By.id("grant-submit")).click();
        awaitPresent("granteeId-error");
        assertThat(text("granteeId-error")).contains("nobody");
        shoot("consent-error");
        browser.findElement(By.id("granteeId")).clear();
        browser.findElement(By.id("granteeId")).sendKeys(BANK);
        new Select(browser.findElement(By.id("scope"))).selectByValue("LEVEL_ONLY");
        browser.findElement(By.id("grant-submit")).click();
        awaitPresent("done");
        awaitCss("tr[data-grantee='" + BANK + "'][data-status='ACTIVE']");
        shoot("consent");

        // the bank reads the attestation; sato sees that read in the access log
        signIn("bank");
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                // the page may be replaced between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    b.get(base + "/app/attestation?q=" + FRESH);
                    return !b.findElements(By.id("attested-organization")).isEmpty();
                });
        signIn("sato");
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                // the page may be replaced between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    b.get(base + "/app/orgs/" + FRESH + "/access-log");
                    return !b.findElements(By.cssSelector("#access-entries td.viewer"))
                            .isEmpty();
                });
        assertThat(text("access-entries")).contains(BANK);
        shoot("access-log");

        // a wider scope, then revoked
        open("/app/orgs/" + FRESH + "/consent", "grant-form");
        WebElement grant = browser.findElement(By.cssSelector("tr[data-grantee='" + BANK + "']"));
        String grantId = grant.getAttribute("id").substring("grant-".length());
        new Select(browser.findElement(By.id("scope-" + grantId))).selectByValue("LEVEL_AND_SCORES");
        browser.findElement(By.id("scope-submit-" + grantId)).click();
        awaitPresent("done");
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                // the page may be replaced between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    b.navigate().refresh();
                    return b.findElement(By.cssSelector("#grant-" + grantId + " .grant-scope"))
                            .getText()
                            .equals("段階と点数");
                });
        browser.findElement(By.id("revoke-" + grantId)).click();
        awaitPresent("done");
        awaitAttribute("grant-" + grantId, "data-status", "REVOKED");

        // people: someone already in the organisation cannot be added again
        open("/app/orgs/" + FRESH + "/people", "add-person-form");
        assertThat(browser.findElement(By.id("person-demo-suzuki")).getAttribute("data-role"))
                .isEqualTo("VIEWER");
        browser.findElement(By.id("userId")).sendKeys("demo-suzuki");
        browser.findElement(By.id("add-person-submit")).click();
        awaitPresent("userId-error");
        assertThat(text("userId-error")).contains("demo-suzuki");
        shoot("people");
    }

    @Test
    @Order(8)
    void aViewerSeesTheBoardTheGrantsThePeopleAndTheLogsAndChangesNothing() throws Exception {
        signIn("suzuki");
        for (String page : List.of("controls", "timeline", "access-log", "consent", "people", "risks", "incidents")) {
            open("/app/orgs/" + FRESH + "/" + page, "read-only");
            assertThat(browser.findElements(By.cssSelector("main form[method=post]")))
                    .as(page)
                    .isEmpty();
        }
        open("/app/orgs/" + FRESH + "/controls", "control-C01-01");
        assertThat(browser.findElement(By.cssSelector("#control-C01-01 .control-status"))
                        .getText())
                .isEqualTo("実施済み");
        shoot("controls-viewer");
        // a change posted anyway (with the session's own CSRF token) is refused by the API and changes nothing
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("const f = document.createElement('form'); f.method = 'post';"
                        + "f.action = '/app/orgs/" + FRESH + "/controls/C01-01';"
                        + "const t = document.querySelector('input[name=_csrf]').cloneNode();"
                        + "const s = document.createElement('input'); s.name = 'status'; s.value = 'NOT_STARTED';"
                        + "f.append(t, s); document.body.append(f); f.submit();");
        awaitPresent("problems");
        open("/app/orgs/" + FRESH + "/controls", "control-C01-01");
        assertThat(browser.findElement(By.id("control-C01-01")).getAttribute("data-status"))
                .isEqualTo("IMPLEMENTED");
    }

    @Test
    @Order(9)
    void graphiqlLoadsCompletelyFromThisMachineForEachService() throws Exception {
        for (String service : List.of("directory", "compliance", "insights")) {
            browser.get(base + "/" + service + "/graphiql");
            new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250))
                    .until(b -> !b.findElements(By.cssSelector("#graphiql[data-ready] .graphiql-container .CodeMirror"))
                            .isEmpty());
            assertThat(browser.getTitle()).isEqualTo("GraphiQL · " + service + " · Hoshi");
            save("graphiql-" + service);
        }
    }

    @Test
    @Order(10)
    void theBrowserCannotReachAnythingButThisMachine() {
        // the fence itself: a host name elsewhere does not resolve, an address elsewhere goes nowhere
        for (String outside : List.of("http://example.com/", "http://93.184.215.14/")) {
            try {
                browser.get(outside);
            } catch (org.openqa.selenium.WebDriverException unreachable) {
                // the navigation failed, as it should; what the browser tried is in its log
            }
            NetworkLog.Requests requests = NetworkLog.read(browser, base);
            // the browser tried, and nothing answered it
            assertThat(requests.outside()).as(outside).isNotEmpty();
            assertThat(requests.answeredFromOutside()).as(outside).isEmpty();
            assertThat(requests.failed()).as(outside).anySatisfy(request -> assertThat(request.url())
                    .startsWith(outside));
        }
        browser.get(base + "/signin");
    }

    @Test
    @Order(11)
    void signingOutEndsTheSessionAndAPageThenAsksToSignIn() {
        signIn("sato");
        browser.findElement(By.id("signout")).click();
        awaitPresent("signed-out");
        browser.get(base + "/app/orgs/" + FRESH);
        assertThat(browser.getCurrentUrl()).endsWith("/signin");
        // a form posted without a live session (or its CSRF token) goes back to sign-in, never to an error page
        browser.manage().deleteAllCookies();
        browser.get(base + "/signin");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelectorAll('input[name=_csrf]').forEach(i => i.value = 'forged');"
                        + "document.getElementById('persona-sato').click();");
        awaitPresent("expired");
        assertThat(browser.getCurrentUrl()).contains("/signin");
    }

    @Test
    @Order(12)
    void satoKeepsTheRiskRegisterAndIncidentReadinessAndTheBoardShowsTheCatalogsTitles() throws Exception {
        signIn("sato");
        open("/app/orgs/" + FRESH + "/controls", "control-C01-01");
        assertThat(browser.findElement(By.cssSelector("#control-C01-01 .control-title"))
                        .getText())
                .isEqualTo("情報セキュリティの責任者を決める");
        assertThat(browser.findElement(By.cssSelector("#chapter-C01 h3")).getText())
                .isEqualTo("C01 組織的対策");

        // an information asset, then its risk: an unknown control refused next to its field, then assessed
        open("/app/orgs/" + FRESH + "/risks", "asset-form");
        browser.findElement(By.id("asset-name")).sendKeys("顧客名簿");
        new Select(browser.findElement(By.id("asset-confidentiality"))).selectByValue("3");
        browser.findElement(By.id("asset-submit")).click();
        awaitPresent("done");
        String asset = reloadUntil("#asset-list tbody tr").getAttribute("id").substring("asset-".length());
        browser.findElement(By.cssSelector("#asset-forms-" + asset + " summary"))
                .click();
        new Select(browser.findElement(By.id("threat-" + asset))).selectByValue("3");
        new Select(browser.findElement(By.id("vulnerability-" + asset))).selectByValue("2");
        browser.findElement(By.id("controls-" + asset)).sendKeys("C99-99");
        browser.findElement(By.id("assess-submit-" + asset)).click();
        awaitPresent("controls-" + asset + "-error");
        assertThat(text("controls-" + asset + "-error")).contains("C99-99");
        new Select(browser.findElement(By.id("threat-" + asset))).selectByValue("3");
        new Select(browser.findElement(By.id("vulnerability-" + asset))).selectByValue("2");
        browser.findElement(By.id("controls-" + asset)).clear();
        browser.findElement(By.id("controls-" + asset)).sendKeys("C01-01");
        browser.findElement(By.id("assess-submit-" + asset)).click();
        awaitPresent("done");
        // importance 3 × likelihood 2 (threat 3, vulnerability 2): risk value 6, a large risk
        awaitAttribute("asset-" + asset, "data-band", "LARGE");
        shoot("risks");

        // incident readiness: a contact, a refused detection time, a drill taken through its first phase
        open("/app/orgs/" + FRESH + "/incidents", "contact-form");
        new Select(browser.findElement(By.id("contact-kind"))).selectByValue("PPC");
        browser.findElement(By.id("contact-contactId")).sendKeys("ppc");
        browser.findElement(By.id("contact-name")).sendKeys("個人情報保護委員会");
        browser.findElement(By.id("contact-submit")).click();
        awaitPresent("done");
        reloadUntil("#contact-ppc");
        browser.findElement(By.id("incident-incidentId")).sendKeys("drill-1");
        browser.findElement(By.id("incident-title")).sendKeys("標的型メール訓練");
        browser.findElement(By.id("incident-drill")).click();
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('incident-detectedAt').value = '2099-01-01T09:30'");
        browser.findElement(By.id("incident-submit")).click();
        awaitPresent("detectedAt-error");
        assertThat(text("detectedAt-error")).contains("2099-01-01");
        browser.findElement(By.id("incident-incidentId")).sendKeys("drill-1");
        browser.findElement(By.id("incident-title")).sendKeys("標的型メール訓練");
        browser.findElement(By.id("incident-drill")).click();
        browser.findElement(By.id("incident-submit")).click();
        awaitPresent("done");
        awaitAttribute("incident-drill-1", "data-phase", "DETECT");
        browser.findElement(By.id("report-drill-1")).sendKeys("初動の連絡まで完了");
        browser.findElement(By.id("complete-submit-drill-1")).click();
        awaitPresent("done");
        awaitAttribute("incident-drill-1", "data-phase", "REPORT");
        assertThat(text("last-drill")).matches("\\d{4}-\\d{2}-\\d{2}");
        shoot("incidents");
    }

    @Test
    @Order(13)
    void theOperatorRegistersAPartnerClientAndIssuesAKeyShownOnceAndANonOperatorIsTurnedAway() throws Exception {
        signIn("sato");
        open("/app/operator/organizations", "forbidden");
        shoot("operator-forbidden");

        signIn("operator");
        browser.findElement(By.id("operator-pages")).click();
        awaitPresent("organization-" + FRESH);
        browser.findElement(By.id("name")).sendKeys("番号違い株式会社");
        browser.findElement(By.id("corporateNumber")).sendKeys("123");
        browser.findElement(By.id("owner")).sendKeys("demo-nobody");
        browser.findElement(By.id("register-submit")).click();
        awaitPresent("corporateNumber-error");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("番号違い株式会社");
        shoot("operator-organizations");
        open("/app/operator/support-organizations", "support-organization-tokyo-machinery");
        shoot("operator-support-organizations");

        String client = "web-pc-" + FRESH.substring(4);
        open("/app/operator/partner-clients", "register-form");
        browser.findElement(By.id("id")).sendKeys(client);
        browser.findElement(By.id("name")).sendKeys("ブラウザ試験保険");
        browser.findElement(By.id("register-submit")).click();
        awaitPresent("done");
        reloadUntil("#partner-client-" + client);
        browser.findElement(By.cssSelector("#issue-" + client + " button")).click();
        awaitPresent("issued-api-key");
        String key = text("issued-api-key");
        String keyId = text("issued-key-id");
        assertThat(key).startsWith("hoshi_pk_" + keyId + "_");
        // this page answers the form that issued the key: reloading it (as shoot does) would issue another one
        save("operator-key-issued-" + browser.findElement(By.tagName("html")).getAttribute("lang"));
        // once: the page again does not have it
        browser.get(base + "/app/operator/partner-clients");
        awaitPresent("partner-client-" + client);
        assertThat(browser.getPageSource()).doesNotContain(key).doesNotContain("issued-api-key");
        // a key the client does not have is refused next to the field; its own key is revoked
        browser.findElement(By.id("keyId-" + client)).sendKeys("nope");
        browser.findElement(By.cssSelector("#revoke-" + client + " button")).click();
        awaitPresent("keyId-" + client + "-error");
        browser.findElement(By.id("keyId-" + client)).clear();
        browser.findElement(By.id("keyId-" + client)).sendKeys(keyId);
        browser.findElement(By.cssSelector("#revoke-" + client + " button")).click();
        awaitPresent("done");
        shoot("operator-partner-clients");
    }

    /** The first element matching {@code css}, reloading the page until the read models have it. */
    private static WebElement reloadUntil(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    List<WebElement> found = b.findElements(By.cssSelector(css));
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                    b.navigate().refresh();
                    return null;
                });
    }

    private void signIn(String persona) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/signin");
        browser.findElement(By.id("persona-" + persona)).click();
        awaitPresent("signout");
    }

    private void open(String path, String id) {
        browser.get(base + path);
        awaitPresent(id);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** Waits for a figure that the read models bring a moment after the change, reloading the page meanwhile. */
    private static void awaitText(String id, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                // the page may be replaced between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    List<WebElement> found = b.findElements(By.id(id));
                    if (!found.isEmpty() && found.get(0).getText().trim().equals(expected)) {
                        return true;
                    }
                    b.navigate().refresh();
                    return false;
                });
    }

    private static void awaitCss(String css) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250))
                .until(b -> !b.findElements(By.cssSelector(css)).isEmpty());
    }

    /** Waits for an element's attribute that the read models bring a moment after the change, reloading meanwhile. */
    private static void awaitAttribute(String id, String attribute, String expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(500))
                // the page may be replaced between finding an element and reading it: look again
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(b -> {
                    List<WebElement> found = b.findElements(By.id(id));
                    if (!found.isEmpty() && expected.equals(found.get(0).getAttribute(attribute))) {
                        return true;
                    }
                    b.navigate().refresh();
                    return false;
                });
    }

    private static void awaitPresent(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250))
                .until(b -> !b.findElements(By.id(id)).isEmpty());
    }

    /** The page as it is, and the same page in the other language. */
    private static void shoot(String name) throws IOException {
        String lang = browser.findElement(By.tagName("html")).getAttribute("lang");
        save(name + "-" + lang);
        String other = "ja".equals(lang) ? "en" : "ja";
        browser.manage().addCookie(new Cookie("hoshi_lang", other, "/"));
        browser.navigate().refresh();
        save(name + "-" + other);
        browser.manage().addCookie(new Cookie("hoshi_lang", lang, "/"));
        browser.navigate().refresh();
    }

    private static void save(String name) throws IOException {
        assertThat(Axe.seriousViolations(browser))
                .as("serious or critical accessibility violations on " + name)
                .isEmpty();
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}
