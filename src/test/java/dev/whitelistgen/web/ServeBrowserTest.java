package dev.whitelistgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.testing.Cli;
import dev.whitelistgen.testing.NamedServer;
import dev.whitelistgen.testing.RealProgram;
import dev.whitelistgen.testing.Repo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * `serve` in a real browser: Debian's headless Chromium driven through Debian's chromedriver (Selenium WebDriver;
 * nothing is downloaded). Skips where either is missing, fails under whitelistgen.requireAll as in CI.
 *
 * <p>With {@code -Dserve.screenshot.update=true} it writes the README's screenshot, docs/serve.png, from the page it
 * has just driven; otherwise it only checks that the screenshot it takes is a real image of the window's size.
 */
class ServeBrowserTest {

    static final Path SCREENSHOT = Path.of("docs", "serve.png");

    @TempDir
    Path dir;

    // One browser and one server for the class: Chromium takes seconds to start on a busy machine. Each test still
    // checks for the programs first (BeforeEach), so each counts as skipped where they are missing.
    private static Path downloads;
    private static WebServer server;
    private static ChromeDriverService service;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        Path chromium = RealProgram.require("chromium");
        Path chromedriver = RealProgram.require("chromedriver");
        if (browser != null) {
            return;
        }
        server = TestServer.start();
        Path scratch = Files.createTempDirectory("serve-browser");
        downloads = scratch.resolve("downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--user-data-dir=" + scratch.resolve("profile"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    private void open(String path) {
        browser.get(server.url().resolve(path).toString());
    }

    /**
     * Clicks a submit button and waits for the new page: the live preview may still be changing the old one. The old
     * page is marked on its window object rather than watched as an element, because Chrome answers a question about
     * an element of a page being replaced with an inspector error, not a stale reference.
     */
    private void submit(String buttonId) {
        awaitNewPageAfter(() -> byId(buttonId).click());
    }

    private void awaitNewPageAfter(Runnable action) {
        ((ChromeDriver) browser).executeScript("window.whitelistGenOldPage = true;");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(b -> (Boolean) ((ChromeDriver) b).executeScript(
                "return window.whitelistGenOldPage !== true && document.readyState === 'complete';"));
    }

    /**
     * Clicks as a person would, with the element in the middle of the window: chromedriver scrolls it only to the
     * window's foot, under the page's sticky buttons, where nobody would click.
     */
    private void click(WebElement element) {
        ((ChromeDriver) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static Profile current() {
        return new ProfileCatalog(List.of(BuiltInResources.folder("profiles")), new ProfileLoader(new NetworkPolicy(24, 48))).current();
    }

    @Test
    void dachAndPostfixShowApplyShWithNetigatesIps() throws IOException {
        open("/");
        new Select(byId("server")).selectByValue("dach");
        click(byId("target-postfix"));
        submit("show");

        wait.until(b -> b.findElement(By.xpath("//article[h3='apply.sh']//pre")));
        String clients = browser.findElement(By.xpath("//article[h3='netigate_clients.cidr']//pre")).getText();
        assertThat(current().server("dach").orElseThrow().networks()).isNotEmpty();
        for (var network : current().server("dach").orElseThrow().networks()) {
            assertThat(clients).contains(network.cidr());
        }
        assertThat(browser.findElements(By.cssSelector("article.file h3")).stream().map(WebElement::getText))
                .containsExactlyElementsOf(TestServer.cliFiles(dir.resolve("cli"), "--target", "postfix", "--server", "dach").keySet());
        // app.js added a labelled copy button to each file and to the command
        assertThat(browser.findElements(By.cssSelector("article.file button.copy"))).hasSize(7);
        assertThat(browser.findElement(By.cssSelector("article.file button.copy")).getAttribute("aria-label")).isEqualTo("Copy apply.sh");
        assertNoConsoleErrors();

        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThan(1000);
        if (Boolean.getBoolean("serve.screenshot.update")) {
            Path target = Repo.path(SCREENSHOT.toString());
            Files.createDirectories(target.getParent());
            Files.write(target, png);
        }
        assertThat(Repo.path(SCREENSHOT.toString())).as("README's screenshot; make it with -Dserve.screenshot.update=true").isRegularFile();
    }

    @Test
    void aNetigateSeLoginUrlPicksAzure() {
        open("/");
        new Select(byId("server")).selectByValue("");
        byId("server_url").sendKeys("https://www.netigate.se/Survey/Dashboard?id=4711");
        click(byId("target-json"));
        submit("show");

        WebElement results = wait.until(b -> b.findElement(By.xpath("//section[@id='results'][h2]")));
        assertThat(results.getText()).contains("Server azure (Azure)")
                .contains("whitelist-gen --target json --server-from-url 'https://www.netigate.se/Survey/Dashboard?id=4711'");
    }

    @Test
    void aBadDomainShowsTheCliMessageAtTheField() {
        String cli = TestServer.cliError("--target", "postfix", "--server", "dach", "--domain", "customer..example");
        open("/");
        new Select(byId("server")).selectByValue("dach");
        click(byId("target-postfix"));
        byId("domains").sendKeys("customer..example");
        submit("show");

        WebElement error = wait.until(b -> b.findElement(By.cssSelector("#err-domains p.error")));
        assertThat(cli).startsWith("--domain: ");
        assertThat(error.getDomProperty("textContent")).isEqualTo("Customer domains: " + cli.substring("--domain: ".length()));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(byId("domains").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(byId("domains").getAttribute("aria-describedby")).contains("err-domains");
        assertThat(browser.findElements(By.cssSelector("article.file"))).isEmpty();
    }

    @Test
    void theDownloadedBundleIsTheCliBundle() throws Exception {
        Path zip = dir.resolve("cli.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--target", "postfix", "--lang", "de", "--domain", "customer.example",
                "--output", zip.toString()).exitCode()).isZero();
        open("/");
        new Select(byId("server")).selectByValue("dach");
        click(byId("target-postfix"));
        byId("domains").sendKeys("customer.example");
        new Select(byId("lang")).selectByValue("de");
        byId("bundle").click();

        Path downloaded = downloads.resolve("netigate-dach-de.zip");
        wait.until(b -> Files.isRegularFile(downloaded) && !partialDownloads());
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(zip));
    }

    private boolean partialDownloads() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void theVersionsPageShowsTheV1ToV2Diff() {
        String cli = Cli.run("diff", "--from", "1", "--to", "2", "--target", "postfix", "--server", "dach").out();
        open("/versions");
        assertThat(browser.findElement(By.cssSelector("table")).getText()).contains("superseded").contains("current");
        new Select(byId("from")).selectByValue("1");
        new Select(byId("to")).selectByValue("2");
        new Select(byId("target")).selectByValue("postfix");
        new Select(byId("server")).selectByValue("dach");
        awaitNewPageAfter(() -> byId("diff").submit());

        WebElement diff = wait.until(b -> b.findElement(By.cssSelector("pre.diff")));
        String shown = (String) ((ChromeDriver) browser).executeScript("return arguments[0].textContent;", diff);
        assertThat(shown).isEqualTo(cli);
        assertNoConsoleErrors();
    }

    @Test
    void keyboardReachesTheFormWithAVisibleFocusAndTheLivePreviewFollowsAChange() {
        open("/");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to the content");
        assertThat(skip.getCssValue("outline-style")).isNotEqualTo("none");
        byId("server").sendKeys(Keys.TAB);
        // focus moves on from the select; its outline is what a keyboard user sees
        new Select(byId("server")).selectByValue("azure");
        click(byId("target-exim"));
        // no submit: app.js fetched the results for the changed form
        WebElement heading = wait.until(b -> b.findElement(By.xpath("//article[h3='netigate-lists.conf']")));
        assertThat(heading.isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).contains("/generate?").contains("target=exim");
        byId("target-exim").sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        assertNoConsoleErrors();
    }

    @Test
    void eachTargetSaysWhatItIsForAndShowsItsTechnicalDetailsOnAClick() {
        open("/");
        List<WebElement> choices = browser.findElements(By.cssSelector("#target .choice"));
        assertThat(choices).hasSizeGreaterThan(10);
        for (WebElement choice : choices.subList(0, choices.size() - 1)) {
            String purpose = choice.findElement(By.cssSelector("span.hint")).getText();
            assertThat(purpose).startsWith("For a customer").doesNotContain("--");
            WebElement details = choice.findElement(By.tagName("details"));
            WebElement description = details.findElement(By.tagName("p"));
            assertThat(description.isDisplayed()).as("closed until asked for").isFalse();
        }
        WebElement exim = byId("target-exim").findElement(By.xpath("./ancestor::div[@class='choice']"));
        click(exim.findElement(By.tagName("summary")));
        WebElement description = exim.findElement(By.cssSelector("details p"));
        assertThat(description.isDisplayed()).isTrue();
        assertThat(description.getText()).contains("acl_smtp_rcpt");
        assertNoConsoleErrors();
    }

    @Test
    void theLanguageMenuNamesTheLanguages() {
        open("/");
        assertThat(new Select(byId("lang")).getOptions().stream().map(WebElement::getText)).containsExactly("Deutsch", "English", "Svenska");
    }

    @Test
    void aFailedSubmitShowsASummaryOfEveryProblemFocusedAndLinkedToTheFields() {
        open("/");
        new Select(byId("server")).selectByValue("dach");
        byId("domains").sendKeys("kunde..example, bücher.de");
        submit("show");

        WebElement summary = wait.until(b -> b.findElement(By.id("error-summary")));
        assertThat(browser.switchTo().activeElement()).isEqualTo(summary);
        assertThat(summary.getCssValue("outline-style")).isEqualTo("solid");
        List<WebElement> links = summary.findElements(By.cssSelector("li a"));
        assertThat(links.stream().map(WebElement::getText)).hasSize(3)
                .allSatisfy(text -> assertThat(text).doesNotContainPattern("(^|\\s)--[a-z]"))
                .anySatisfy(text -> assertThat(text).startsWith("Mail system: choose a mail system"))
                .anySatisfy(text -> assertThat(text).isEqualTo("Customer domains: 'kunde..example' has an empty label"))
                .anySatisfy(text -> assertThat(text).startsWith("Customer domains: 'bücher.de' is an internationalised name"));
        // each bad domain is its own message at the field too
        assertThat(browser.findElements(By.cssSelector("#err-domains p.error"))).hasSize(2);
        assertThat(browser.getTitle()).startsWith("Error: ");

        links.stream().filter(l -> l.getText().startsWith("Customer domains")).findFirst().orElseThrow().click();
        assertThat(browser.switchTo().activeElement()).isEqualTo(byId("domains"));
        summary.findElements(By.cssSelector("li a")).stream().filter(l -> l.getText().startsWith("Mail system")).findFirst().orElseThrow().click();
        assertThat(browser.switchTo().activeElement().getAttribute("name")).isEqualTo("target");

        // fixing the fields keeps the summary up to date, down to none
        byId("domains").clear();
        byId("domains").sendKeys("kunde.example");
        click(byId("target-postfix"));
        // asked in one script: the preview replaces the element between a lookup and a question about it
        wait.until(b -> (Boolean) ((ChromeDriver) b).executeScript("return document.getElementById('error-summary').hidden;"));
        assertNoConsoleErrors();
    }

    @Test
    void thePreviewFollowsTheTypingWithoutLeavingTheField() {
        open("/");
        new Select(byId("server")).selectByValue("dach");
        click(byId("target-postfix"));
        wait.until(b -> b.findElement(By.xpath("//article[h3='apply.sh']")));
        WebElement domains = byId("domains");
        click(domains);
        domains.sendKeys("customer.example");

        wait.until(b -> (Boolean) ((ChromeDriver) b).executeScript(
                "const c = document.querySelector('pre.command'); return c !== null && c.textContent.includes('--domain customer.example');"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(byId("domains"));
        assertThat(browser.getCurrentUrl()).contains("domains=customer.example");
    }

    @Test
    void theCommandWrapsBetweenWordsOnly() {
        open("/generate?server=dach&target=bind&target=postfix&domains=customer-one.example+customer-two.example+customer-three.example"
                + "+customer.example&existing_spf=customer.example%3Dv%3Dspf1+include%3Aspf.protection.outlook.com+mx+-all");
        WebElement code = wait.until(b -> b.findElement(By.cssSelector("pre.command code")));
        @SuppressWarnings("unchecked")
        Map<String, Object> wrapping = (Map<String, Object>) ((ChromeDriver) browser).executeScript("""
                const walk = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT), broken = [], lines = new Set();
                for (let text = walk.nextNode(); text; text = walk.nextNode()) {
                  for (const m of text.data.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(text, m.index);
                    range.setEnd(text, m.index + m[0].length);
                    const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
                    tops.forEach(t => lines.add(t));
                    if (tops.size > 1) broken.push(m[0]);
                  }
                }
                return {broken: broken, lines: lines.size};""", code);
        assertThat((Long) wrapping.get("lines")).as("the command is long enough to wrap").isGreaterThan(1);
        assertThat((List<?>) wrapping.get("broken")).isEmpty();
    }

    @Test
    void showTheFilesIsInViewWithoutScrollingAt1000PixelsHigh() {
        browser.manage().window().setSize(new Dimension(1366, 1000));
        try {
            open("/");
            WebElement show = byId("show");
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) ((ChromeDriver) browser).executeScript("""
                    const r = arguments[0].getBoundingClientRect();
                    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                    return {inView: r.top >= 0 && r.bottom <= window.innerHeight, onTop: hit === arguments[0],
                            scrolled: window.scrollY, height: window.innerHeight};""", show);
            assertThat(seen).containsEntry("inView", true).containsEntry("onTop", true).containsEntry("scrolled", 0L);
            // tabbing down the form, no focused field hides under the buttons (WCAG 2.2, 2.4.11), and they stay in view
            byId("mx-domain").click();
            for (int i = 0; i < 60 && !browser.switchTo().activeElement().equals(show); i++) {
                browser.switchTo().activeElement().sendKeys(Keys.TAB);
                WebElement focused = browser.switchTo().activeElement();
                assertThat((Boolean) ((ChromeDriver) browser).executeScript("""
                        const r = arguments[0].getBoundingClientRect();
                        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                        return hit !== null && (hit === arguments[0] || arguments[0].contains(hit) || hit.control === arguments[0]);""",
                        focused)).as("focused %s is visible", focused.getAttribute("id")).isTrue();
            }
            assertThat(browser.switchTo().activeElement()).isEqualTo(show);
            assertThat((Boolean) ((ChromeDriver) browser).executeScript(
                    "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", show)).isTrue();
        } finally {
            browser.manage().window().setSize(new Dimension(1366, 900));
        }
    }

    @Test
    void theFilesPaneHasAnIndexThatJumpsToEachFile() {
        open("/generate?server=dach&target=all&domains=customer.example");
        List<WebElement> index = wait.until(b -> b.findElements(By.cssSelector("#file-index li a")));
        List<WebElement> headings = browser.findElements(By.cssSelector("article.file h3"));
        assertThat(index).hasSizeGreaterThan(20);
        assertThat(index.stream().map(WebElement::getText)).containsExactlyElementsOf(headings.stream().map(WebElement::getText).toList());

        WebElement last = index.get(index.size() - 1);
        WebElement heading = headings.get(headings.size() - 1);
        assertThat(inView(heading)).isFalse();
        last.click();
        wait.until(b -> inView(heading));
        heading.findElement(By.xpath("./following-sibling::p/a[@href='#file-index']")).click();
        wait.until(b -> inView(byId("file-index")));
    }

    private boolean inView(WebElement element) {
        return (Boolean) ((ChromeDriver) browser).executeScript("""
                const r = arguments[0].getBoundingClientRect(), pane = document.getElementById('results').getBoundingClientRect();
                // a pixel's grace: a jump lands on fractions of one
                return r.top >= Math.max(0, pane.top) - 1 && r.bottom <= Math.min(window.innerHeight, pane.bottom) + 1;""", element);
    }

    @Test
    void severalTargetsTickedMakeOneBundleAsTheCliDoes() throws Exception {
        Path zip = dir.resolve("cli.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--target", "postfix", "--target", "bind", "--domain", "customer.example",
                "--output", zip.toString()).exitCode()).isZero();
        open("/");
        new Select(byId("server")).selectByValue("dach");
        click(byId("target-postfix"));
        click(byId("target-bind"));
        byId("domains").sendKeys("customer.example");
        byId("bundle").click();

        Path downloaded = downloads.resolve("netigate-dach-en.zip");
        wait.until(b -> Files.isRegularFile(downloaded) && !partialDownloads());
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(zip));
        Files.delete(downloaded);
    }

    /** Issue 29: "Behind a gateway" with no mail system ticked downloads the gateway customer's bundle of the CLI. */
    @Test
    void aGatewayCustomersBundleFromThePageIsTheCliBundle() throws Exception {
        Path zip = dir.resolve("cli.zip");
        assertThat(Cli.run("bundle", "--server", "dach", "--behind", "hornetsecurity", "--domain", "customer.example", "--lang", "sv",
                "--output", zip.toString()).exitCode()).isZero();
        open("/");
        new Select(byId("server")).selectByValue("dach");
        new Select(byId("behind")).selectByValue("hornetsecurity");
        byId("domains").sendKeys("customer.example");
        new Select(byId("lang")).selectByValue("sv");
        assertThat(byId("behind").getAttribute("aria-describedby")).contains("hint-behind");
        assertThat(browser.findElement(By.cssSelector("label[for='behind']")).getText()).isEqualTo("Behind a gateway");
        byId("bundle").click();

        Path downloaded = downloads.resolve("netigate-dach-sv.zip");
        wait.until(b -> Files.isRegularFile(downloaded) && !partialDownloads());
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(zip));
        Files.delete(downloaded);
    }

    /** Plain HTTP on an address other than loopback has no navigator.clipboard; the test takes it away the same way. */
    @Test
    void withoutAClipboardCopySelectsTheText() {
        ChromeDriver chrome = (ChromeDriver) browser;
        Map<String, Object> added = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "delete Navigator.prototype.clipboard;"));
        try {
            open("/generate?server=dach&target=json");
            assertThat(chrome.executeScript("return typeof navigator.clipboard;")).isEqualTo("undefined");
            WebElement command = wait.until(b -> b.findElement(By.cssSelector("pre.command")));
            WebElement copy = browser.findElement(By.cssSelector("button.copy[aria-label='Copy Command']"));
            copy.click();

            assertThat(copy.getText()).isEqualTo("Selected: press Ctrl+C");
            assertThat(chrome.executeScript("return window.getSelection().toString();")).isEqualTo(command.getDomProperty("textContent"));
            assertNoConsoleErrors();
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    /** The MX lookup on the page against a real named given to serve as --dns-server; its link ticks the targets it names. */
    @Test
    void theMxLookupNamesTheGatewayAndSelectsItsTarget() throws IOException {
        try (NamedServer named = NamedServer.start(Map.of(ServeMxLookupTest.ZONE,
                NamedServer.zone(ServeMxLookupTest.ZONE, ServeMxLookupTest.RECORDS)));
             WebServer pointed = TestServer.start(named.address())) {
            String domain = "cisco." + ServeMxLookupTest.ZONE;
            String cli = Cli.run("check", "mx", "--domain", domain, "--dns-server", named.address()).out();
            browser.get(pointed.url().toString());
            new Select(byId("server")).selectByValue("azure");
            click(byId("target-postfix"));
            byId("mx-domain").sendKeys(domain);
            byId("mx-lookup").click();

            WebElement select = wait.until(b -> b.findElement(By.id("mx-select")));
            String result = byId("mx-result").getText();
            for (String line : cli.lines().toList()) {
                // the CLI's lines: "ok   TEXT", …, "PASS: SUMMARY"; the page: "OK TEXT", …, the summary in bold on top
                assertThat(result).contains(line.replaceFirst("^(ok|info|warn|fail)\\s+", "").replaceFirst("^PASS: ", ""));
            }
            assertThat(byId("mx").getText()).contains("asks the DNS server " + named.address());
            // the lookup named a gateway: "Behind a gateway" is filled in with it, and the page says so
            assertThat(new Select(byId("behind")).getFirstSelectedOption().getDomProperty("value")).isEqualTo("cisco");
            assertThat(byId("mx-behind").getText()).contains("“Behind a gateway” below is set to Cisco Secure Email Gateway");
            click(select);

            wait.until(b -> b.findElement(By.xpath("//article[h3='cisco/netigate-message-filter.txt']")));
            assertThat(byId("target-cisco").isSelected()).isTrue();
            assertThat(byId("target-m365").isSelected()).as("the mailbox system behind the gateway, which the MX cannot show").isTrue();
            assertThat(byId("target-google").isSelected()).isTrue();
            assertThat(byId("target-postfix").isSelected()).isFalse();
            assertThat(browser.switchTo().activeElement()).isEqualTo(byId("target-cisco"));
            assertThat(browser.findElement(By.cssSelector("pre.command")).getText())
                    .contains("--target cisco --target google --target m365 --server azure").contains("--behind cisco");

            // a mailbox system's MX: no gateway, and the field says so again
            byId("mx-domain").clear();
            byId("mx-domain").sendKeys("m365." + ServeMxLookupTest.ZONE);
            byId("mx-lookup").click();
            // the answer replaces #mx-result: ask about it in one script, never holding an element across the swap
            wait.until(b -> ((String) ((ChromeDriver) b).executeScript("return document.getElementById('mx-result').textContent;"))
                    .contains("Microsoft 365"));
            assertThat(new Select(byId("behind")).getFirstSelectedOption().getDomProperty("value")).isEmpty();
            assertThat(browser.findElements(By.id("mx-behind"))).isEmpty();
            assertNoConsoleErrors();
        }
    }

    /**
     * A Content-Security-Policy violation or a script error would show here. The browser also logs every answer of
     * 400, which the live preview gets, as it should, while the form is half filled in.
     */
    private void assertNoConsoleErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(entry -> !entry.getMessage().endsWith("Failed to load resource: the server responded with a status of 400 (Bad Request)"))
                .toList();
        assertThat(severe).isEmpty();
    }
}
