package org.planregistry.system.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.system.RegistryApps;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The web page in headless Chromium against both applications on the embedded store over TCP, with the Shenzhen
 * plan imported and I01's target revised from 6400左右 to 7000左右 from 2024-01-01: what an evaluator and an auditor
 * do with it, checked on what the page shows. Screenshots go to target/browser-screenshots/.
 */
class WebPageBrowserTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final String REASON = "金融业增加值增速高于预期";
    private static final String DECISION = "深府函〔2024〕88号";

    private static TestMongo mongo;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private static String page;
    private static Instant beforeRevision;
    private static long revision;
    private static long last;

    @BeforeAll
    static void start() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        mongo = TestMongo.start();
        commandSide = RegistryApps.commandSide(mongo.uri("page"));
        querySide = RegistryApps.querySide(mongo.uri("page"));
        page = RegistryApps.baseUrl(querySide) + "/";
        RestClient registrar = commands("registrar", RegistryApps.REGISTRAR_PASSWORD);
        RestClient evaluator = commands("evaluator", RegistryApps.EVALUATOR_PASSWORD);
        try (InputStream yaml = WebPageBrowserTest.class.getResourceAsStream("/plans/shenzhen-finance-14fyp.yaml")) {
            Map<String, Object> imported = registrar.post().uri("/api/plans/import")
                    .contentType(MediaType.parseMediaType("application/yaml")).body(yaml.readAllBytes())
                    .retrieve().body(Map.class);
            awaitQuerySide(sequenceOf(imported));
        }
        beforeRevision = Instant.now();
        revision = sequenceOf(post(registrar, "/api/plans/" + PLAN + "/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01",
                 "reason": "%s", "decisionRef": "%s", "decisionDate": "2024-06-24"}""".formatted(REASON, DECISION)));
        post(registrar, "/api/plans/" + PLAN + "/indicators/I01/milestones", """
                {"year": 2023, "value": "5200", "unit": "亿元"}""");
        post(evaluator, "/api/plans/" + PLAN + "/evaluations", """
                {"id": "2023-annual", "kind": "ANNUAL", "evaluator": "深圳市某第三方评估机构",
                 "period": {"from": 2023, "to": 2023}, "effectiveFrom": "2024-03-01"}""");
        post(evaluator, "/api/plans/" + PLAN + "/evaluations/2023-annual/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5006.6",
                 "unit": "亿元", "assessment": "ON_TRACK", "evidenceRef": "深圳统计年鉴2024",
                 "effectiveFrom": "2024-03-15"}""");
        post(evaluator, "/api/plans/" + PLAN + "/evaluations/2023-annual/publish", """
                {"effectiveFrom": "2024-03-20"}""");
        // A second evaluation stays unpublished: only an evaluator (or auditor) sees its finding on I02.
        post(evaluator, "/api/plans/" + PLAN + "/evaluations", """
                {"id": "2024-mid", "kind": "MID_TERM", "evaluator": "深圳市某第三方评估机构",
                 "period": {"from": 2021, "to": 2023}, "effectiveFrom": "2024-04-01"}""");
        last = sequenceOf(post(evaluator, "/api/plans/" + PLAN + "/evaluations/2024-mid/findings", """
                {"subjectKind": "INDICATOR", "subjectCode": "I02", "year": 2023, "observedValue": "15.8",
                 "unit": "%", "assessment": "ON_TRACK", "evidenceRef": "深圳统计年鉴2024",
                 "effectiveFrom": "2024-04-02"}"""));
        awaitQuerySide(last);
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    private static RestClient commands(String user, String password) {
        return RestClient.builder().baseUrl(RegistryApps.baseUrl(commandSide))
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private static Map<String, Object> post(RestClient client, String path, String json) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve().body(Map.class);
    }

    private static long sequenceOf(Map<String, Object> answer) {
        return ((Number) answer.get("globalSequence")).longValue();
    }

    /** Both views (plan and audit) have processed {@code sequence}. */
    private static void awaitQuerySide(long sequence) {
        RestClient queries = RestClient.builder().baseUrl(RegistryApps.baseUrl(querySide))
                .defaultHeaders(h -> h.setBasicAuth("auditor", RegistryApps.AUDITOR_PASSWORD)).build();
        queries.get().uri("/api/plans/{plan}?minSequence={sequence}", PLAN, sequence).retrieve().toBodilessEntity();
        queries.get().uri("/api/audit?minSequence={sequence}&limit=1", sequence).retrieve().toBodilessEntity();
    }

    private static void open(String query) {
        browser.get(page + query);
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static WebElement shown(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Waits until {@code by} shows {@code text} and the page has finished rendering (its main part is no longer
     * {@code aria-busy}: the chart is drawn after the table).
     */
    private static void awaitText(By by, String text) {
        waiting().ignoring(StaleElementReferenceException.class)
                .withMessage(() -> by + " to show '" + text + "', the page says: "
                        + browser.findElement(By.tagName("body")).getText())
                .until(d -> {
                    List<WebElement> found = d.findElements(by);
                    return !found.isEmpty() && found.get(0).getText().contains(text)
                            && d.findElements(By.cssSelector("main[aria-busy]")).isEmpty();
                });
    }

    private static final By I01_TARGET = By.cssSelector("tr[data-indicator='I01'] .target");

    /** The y values of the chart's planned path (baseline, milestones, target), as chart.js holds them. */
    @SuppressWarnings("unchecked")
    private static List<Double> plannedPath() {
        List<Number> values = (List<Number>) browser.executeScript(
                "const chart = Chart.getChart(document.getElementById('chart'));"
                        + "return chart ? chart.data.datasets[0].data.map(p => p.y) : []");
        return values.stream().map(Number::doubleValue).toList();
    }

    /** What hovering the first revision marker shows. */
    private static String revisionTooltip() {
        return String.valueOf(browser.executeScript("return Chart.getChart(document.getElementById('chart'))"
                + ".data.datasets[2].data[0].label.join(' / ')"));
    }

    private static Number revisionMarkers() {
        return (Number) browser.executeScript(
                "return Chart.getChart(document.getElementById('chart')).data.datasets[2].data.length");
    }

    @Test
    void movingTheDateAcrossTheRevisionChangesTheTargetInTheTableAndInTheChart() {
        open("?plan=" + PLAN + "&asOf=2023-12-31&indicator=I01");
        awaitText(I01_TARGET, "6400左右");
        shown(By.id("chart"));

        assertThat(browser.findElement(I01_TARGET).getText()).contains("待生效").contains("7000左右");
        assertThat(plannedPath()).containsExactly(4189.6, 5200.0, 6400.0);
        chromium.screenshot("1-before-revision");

        WebElement slider = browser.findElement(By.id("as-of-slider"));
        slider.sendKeys(Keys.ARROW_RIGHT);
        awaitText(I01_TARGET, "7000左右");

        assertThat(browser.findElement(By.id("as-of")).getAttribute("value")).isEqualTo("2024-01-01");
        assertThat(browser.getCurrentUrl()).contains("asOf=2024-01-01");
        assertThat(browser.findElement(I01_TARGET).getText()).contains("已调整").contains(REASON).contains(DECISION)
                .doesNotContain("待生效");
        assertThat(plannedPath()).containsExactly(4189.6, 5200.0, 7000.0);
        assertThat(revisionMarkers().intValue()).isEqualTo(1);
        // Anonymous, the page names the registrar's role, not the person (docs/security.md).
        assertThat(revisionTooltip()).contains("登记人员").doesNotContain("registrar").contains(REASON).contains(DECISION).contains("2024-01-01");
        chromium.screenshot("2-after-revision");

        browser.findElement(By.id("previous-change")).click();
        awaitText(I01_TARGET, "6400左右");
        assertThat(browser.findElement(By.id("as-of")).getAttribute("value")).isLessThan("2024-01-01");
    }

    /**
     * The query side's Content-Security-Policy (docs/security.md) blocks nothing the page, the report and Swagger UI
     * use.
     */
    /**
     * The audit trail and the verification are for the auditor: this browser tab is given the auditor's sign-in
     * as the page's dialog would keep it, so the page sends it instead of asking. {@link #signedOut} ends it.
     */
    private static void signedInAsAuditor() {
        open("?plan=" + PLAN);
        browser.executeScript("sessionStorage.setItem('plan-registry-sign-in', 'Basic ' + btoa(arguments[0]))",
                "auditor:" + RegistryApps.AUDITOR_PASSWORD);
    }

    /** Back to the public's view for the tests that follow. */
    private static void signedOut() {
        browser.executeScript("sessionStorage.clear()");
    }

    @Test
    void theContentSecurityPolicyBlocksNothingThePageUses() {
        browser.manage().logs().get(LogType.BROWSER);
        open("?plan=" + PLAN + "&asOf=2024-06-30&indicator=I01");
        awaitText(I01_TARGET, "7000左右");
        shown(By.id("chart"));
        waiting().until(d -> !plannedPath().isEmpty());
        signedInAsAuditor();
        try {
            for (String view : List.of("audit", "compare&from=2023-12-31&to=2024-06-30", "verify")) {
                open("?plan=" + PLAN + "&asOf=2024-06-30&view=" + view);
                waiting().until(d -> d.findElements(By.cssSelector("main[aria-busy]")).isEmpty());
            }
        } finally {
            signedOut();
        }
        browser.get(page + "report.html?plan=" + PLAN + "&asOf=2024-06-30");
        awaitText(By.tagName("body"), "I01");
        browser.get(page + "swagger-ui/index.html");
        waiting().until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());

        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));

        // and the console does report what the policy blocks: an image from elsewhere
        browser.executeScript("const img = document.createElement('img'); img.src = 'https://example.invalid/x.png';"
                + "document.body.append(img)");
        waiting().until(d -> d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(entry -> entry.getMessage().contains("Content Security Policy")));
    }

    @Test
    void theChartReadsEachIndicatorAsItsMeasurementBasisSays() {
        // I20, a total accumulated over the period: planned from zero at the end of 2020, not from the last period's.
        open("?plan=" + PLAN + "&asOf=2023-12-31&indicator=I20");
        shown(By.id("chart"));
        waiting().until(d -> !plannedPath().isEmpty() && plannedPath().get(0) == 0.0);
        assertThat(plannedPath()).containsExactly(0.0, 1000.0);
        assertThat(plannedPathIsALine()).isTrue();

        // I06, a five-year interval figure: the two intervals' figures, no path through the years between them.
        open("?plan=" + PLAN + "&asOf=2023-12-31&indicator=I06");
        shown(By.id("chart"));
        waiting().until(d -> plannedPath().equals(List.of(24.7, 30.0)));
        assertThat(plannedPathIsALine()).isFalse();
    }

    private static boolean plannedPathIsALine() {
        return Boolean.TRUE.equals(browser.executeScript(
                "return Chart.getChart(document.getElementById('chart')).data.datasets[0].showLine"));
    }

    @Test
    void asKnownBeforeTheRevisionWasRecordedTheOldTargetReturns() {
        open("?plan=" + PLAN + "&asOf=2024-06-30&indicator=I01");
        awaitText(I01_TARGET, "7000左右");

        WebElement knownAt = browser.findElement(By.id("known-at"));
        knownAt.sendKeys(beforeRevision.toString(), Keys.ENTER);
        awaitText(I01_TARGET, "6400左右");

        assertThat(browser.findElement(I01_TARGET).getText()).doesNotContain("7000").doesNotContain("已调整");
        assertThat(plannedPath()).containsExactly(4189.6, 6400.0);
        assertThat(revisionMarkers().intValue()).isZero();
        assertThat(browser.getCurrentUrl()).contains("knownAt=");
        chromium.screenshot("3-known-before-revision");

        browser.findElement(By.id("known-now")).click();
        awaitText(I01_TARGET, "7000左右");
    }

    @Test
    void theAuditTrailFindsTheRevisionWithItsActorAndReason() {
        signedInAsAuditor();
        try {
            open("?plan=" + PLAN);
            shown(By.cssSelector("[data-view='audit']")).click();
            WebElement type = shown(By.cssSelector("#audit-filters input[name='type']"));
            type.sendKeys("IndicatorTargetRevised", Keys.ENTER);

            By row = By.cssSelector("#audit-entries tr[data-sequence='" + revision + "']");
            awaitText(row, REASON);
            String text = browser.findElement(row).getText();
            assertThat(text).contains("registrar").contains("REGISTRAR").contains(DECISION)
                    .contains("target 6400 ABOUT → 7000 ABOUT");
            assertThat(browser.findElements(By.cssSelector("#audit-entries tbody tr"))).hasSize(1);
            assertThat(browser.findElement(By.id("audit-csv")).getAttribute("href"))
                    .contains("/api/audit.csv?").contains("type=IndicatorTargetRevised").contains("plan=" + PLAN);
            assertThat(browser.getCurrentUrl()).contains("view=audit").contains("type=IndicatorTargetRevised");
            chromium.screenshot("4-audit-trail");
        } finally {
            signedOut();
        }
    }

    @Test
    void comparingTwoDatesShowsTheChangeAndTheEventThatMadeIt() {
        open("?plan=" + PLAN + "&view=compare&from=2023-12-31&to=2024-06-30");

        By change = By.cssSelector("#diff li.changed[data-element='indicator I01']");
        awaitText(change, "7000");
        WebElement changed = browser.findElement(change);
        assertThat(changed.findElement(By.tagName("del")).getText()).contains("6400左右");
        assertThat(changed.findElement(By.tagName("ins")).getText()).contains("7000左右");
        changed.findElement(By.tagName("summary")).click();
        assertThat(changed.getText()).contains("#" + revision).contains(REASON).contains(DECISION);
        chromium.screenshot("5-compare");
    }

    @Test
    void verificationShowsAnIntactChainAndItsDigest() {
        signedInAsAuditor();
        try {
            open("?plan=" + PLAN + "&view=verify");

            awaitText(By.id("chain-state"), "完整");
            assertThat(browser.findElement(By.id("digest")).getText()).contains("\"globalSequence\":" + last);
        } finally {
            signedOut();
        }
    }

    @Test
    void theReportShowsEveryIndicatorTheChangesSinceAdoptionAndWhichRecordItShows() {
        open("?plan=" + PLAN + "&asOf=2024-06-30");
        awaitText(I01_TARGET, "7000左右");
        int indicators = browser.findElements(By.cssSelector("#indicators tr[data-indicator]")).size();
        browser.findElement(By.id("report-link")).click();

        awaitText(By.id("statement"), "全局序号 " + last);
        assertThat(browser.findElements(By.cssSelector("#report tr[data-indicator]"))).hasSize(indicators);
        assertThat(indicators).isEqualTo(21);
        WebElement i01 = browser.findElement(By.cssSelector("#report tr[data-indicator='I01']"));
        assertThat(i01.getText()).contains("4189.6").contains("7000左右").contains("5006.6").contains("-193.4")
                .contains("存在风险");
        assertThat(browser.findElement(By.cssSelector("#report li[data-element='indicator I01']")).getText())
                .contains(REASON).contains(DECISION);
        assertThat(browser.findElement(By.id("statement")).getText())
                .contains("up to date with changes recorded until").contains("(global sequence " + last + ")");
        chromium.screenshot("6-report");
    }

    @Test
    void aQuestionThatNeedsASignInAsksForItInThePageAndSendsIt() {
        open("?plan=" + PLAN);
        awaitText(I01_TARGET, "7000左右");

        // The metrics need the operator's sign-in; ask them through the page's client.
        browser.executeScript("window.answer = null; import('./js/api.js')"
                + ".then(api => api.getJson('actuator/metrics'))"
                + ".then(metrics => { window.answer = 'metrics: ' + (metrics.names.length > 0); },"
                + " error => { window.answer = 'refused: ' + error.message; })");
        WebElement dialog = shown(By.id("sign-in"));
        assertThat(dialog.getText()).contains("需要登录");
        dialog.findElement(By.name("user")).sendKeys("operator");
        dialog.findElement(By.name("password")).sendKeys(RegistryApps.OPERATOR_PASSWORD);
        chromium.screenshot("7-sign-in");
        dialog.findElement(By.cssSelector("button[value='ok']")).click();

        Object answer = waiting().until(d -> browser.executeScript("return window.answer"));
        assertThat(answer).isEqualTo("metrics: true");
        assertThat(browser.executeScript("return sessionStorage.getItem('plan-registry-sign-in')").toString())
                .startsWith("Basic ");
        browser.executeScript("sessionStorage.clear()");
    }

    @Test
    void anEvaluatorWhoSignsInOnThePageSeesUnpublishedFindingsAndWhoRecordedWhat() {
        By i02Finding = By.cssSelector("tr[data-indicator='I02'] .finding");
        open("?plan=" + PLAN + "&asOf=2024-06-30&indicator=I01");
        awaitText(I01_TARGET, "7000左右");
        assertThat(browser.findElement(i02Finding).getText()).doesNotContain("15.8");
        assertThat(revisionTooltip()).doesNotContain("registrar");

        browser.findElement(By.id("sign-in-out")).click();
        WebElement dialog = shown(By.id("sign-in"));
        dialog.findElement(By.name("user")).sendKeys("evaluator");
        dialog.findElement(By.name("password")).sendKeys(RegistryApps.EVALUATOR_PASSWORD);
        dialog.findElement(By.cssSelector("button[value='ok']")).click();

        awaitText(i02Finding, "15.8");
        awaitText(By.id("signed-in-as"), "evaluator");
        shown(By.id("chart"));
        waiting().until(d -> revisionTooltip().contains("registrar"));
        chromium.screenshot("8-signed-in-evaluator");

        browser.findElement(By.id("sign-in-out")).click();
        waiting().ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("signed-in-as")).getText().isEmpty());
        awaitText(I01_TARGET, "7000左右");
        assertThat(browser.findElement(i02Finding).getText()).doesNotContain("15.8");
        assertThat(browser.executeScript("return sessionStorage.getItem('plan-registry-sign-in')")).isNull();
    }

    @Test
    void theInterfaceSwitchesToEnglishAndKeepsThePlansOwnWords() {
        open("?plan=" + PLAN + "&asOf=2024-06-30");
        awaitText(I01_TARGET, "7000左右");

        browser.findElement(By.id("lang")).click();
        awaitText(By.tagName("h1"), "Plan Registry");

        assertThat(browser.findElement(I01_TARGET).getText()).contains("about 7000").contains("Revised")
                .contains(REASON);
        assertThat(browser.getCurrentUrl()).contains("lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    }
}
