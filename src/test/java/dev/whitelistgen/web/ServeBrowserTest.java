package dev.whitelistgen.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitelistgen.BuiltInResources;
import dev.whitelistgen.model.NetworkPolicy;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.profile.ProfileCatalog;
import dev.whitelistgen.profile.ProfileLoader;
import dev.whitelistgen.testing.Cli;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
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

    /** Clicks a submit button and waits for the new page: the live preview may still be changing the old one. */
    private void submit(String buttonId) {
        WebElement page = browser.findElement(By.tagName("html"));
        byId(buttonId).click();
        wait.until(ExpectedConditions.stalenessOf(page));
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
        byId("target-postfix").click();
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
        byId("target-json").click();
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
        byId("target-postfix").click();
        byId("domains").sendKeys("customer..example");
        submit("show");

        WebElement error = wait.until(b -> b.findElement(By.cssSelector("#err-domains p.error")));
        assertThat(error.getDomProperty("textContent")).isEqualTo(cli);
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
        byId("target-postfix").click();
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
        WebElement page = browser.findElement(By.tagName("html"));
        byId("diff").submit();
        wait.until(ExpectedConditions.stalenessOf(page));

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
        byId("target-exim").click();
        // no submit: app.js fetched the results for the changed form
        WebElement heading = wait.until(b -> b.findElement(By.xpath("//article[h3='netigate-lists.conf']")));
        assertThat(heading.isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).contains("/generate?").contains("target=exim");
        byId("target-exim").sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getCssValue("outline-style")).isEqualTo("solid");
        assertNoConsoleErrors();
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
