package nl.consilium.app.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. The driver and browser paths are given
 * explicitly, so Selenium Manager never runs and nothing is downloaded.
 */
final class Browser implements AutoCloseable {

    static final File CHROMEDRIVER = new File(System.getenv().getOrDefault("CONSILIUM_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final String CHROMIUM = System.getenv().getOrDefault("CONSILIUM_CHROMIUM", "/usr/bin/chromium");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final String base;
    private final Path profile;

    Browser(int port) {
        if (!CHROMEDRIVER.canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException("Chromium or chromedriver missing: run infra/bin/provision-browser");
        }
        try {
            profile = Files.createTempDirectory("consilium-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=nl-NL", "--window-size=1366,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 900));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // The screens re-render lists after each answer; a re-rendered element is simply looked up again.
        wait.ignoring(StaleElementReferenceException.class);
        base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Signs in through the real form login: the page redirects to the sign-in form and back. */
    void signIn(String user, String path) {
        driver.manage().deleteAllCookies();
        open(path);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement clickable(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    /** The text of an element that may be re-rendered meanwhile (looked up again on every try). */
    String text(String css) {
        return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void textAppears(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void acceptConfirm() {
        wait.until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** Answers "Cancel" to a confirmation and returns its text. */
    String dismissConfirm() {
        var alert = wait.until(ExpectedConditions.alertIsPresent());
        String text = alert.getText();
        alert.dismiss();
        return text;
    }

    /**
     * Sets a form control's value as a script would, with the input and change events. For {@code <input type=date>}:
     * what sendKeys types there depends on the browser's locale (dd-mm-jjjj in Dutch), the value does not.
     */
    void setValue(String css, String value) {
        ((JavascriptExecutor) driver).executeScript("""
                const e = arguments[0];
                e.value = arguments[1];
                e.dispatchEvent(new Event('input', {bubbles: true}));
                e.dispatchEvent(new Event('change', {bubbles: true}));
                """, visible(css), value);
    }

    /** A fetch from the page, with the session cookie: returns "status body". */
    String fetch(String method, String path) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], {method: arguments[0], headers: {Accept: 'application/json'}})
                  .then(async r => done(r.status + ' ' + await r.text()))
                  .catch(e => done('error ' + e));
                """, method, path);
        return String.valueOf(result);
    }

    /** axe-core's script, from the axe-core jar on the test classpath (nothing is fetched at run time). */
    private static final String AXE = axeScript();

    private static String axeScript() {
        try (var in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core against the page as it is now (WCAG 2.0/2.1/2.2 A and AA rules plus axe's best practices) and
     * returns the violations of impact serious or critical, one line each: rule, impact, help and the first
     * offending elements. An empty list is a pass.
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(AXE);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations'],
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' -> '
                      + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\s+/g, ' ') + ']').join('; '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) result;
    }

    /** Writes a screenshot only when CONSILIUM_SCREENSHOTS names a directory (relative: to the repository root). */
    void screenshot(String name, int height) {
        Optional<String> dir = Optional.ofNullable(System.getProperty("CONSILIUM_SCREENSHOTS"))
                .or(() -> Optional.ofNullable(System.getenv("CONSILIUM_SCREENSHOTS")))
                .filter(s -> !s.isBlank());
        if (dir.isEmpty()) {
            return;
        }
        Path target = Path.of(dir.get());
        if (!target.isAbsolute()) {
            Path cwd = Path.of("").toAbsolutePath();
            Path root = Files.exists(cwd.resolve("chatbot-api")) ? cwd : cwd.getParent();
            target = root.resolve(target);
        }
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1366, height));
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            Files.createDirectories(target);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(target.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
