package org.planregistry.system.page;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver. Selenium is given both binaries so it never
 * looks for or downloads a browser; a machine without them fails here, saying what to install, rather than skipping.
 * The flags are the ones Chromium needs as root on a machine without outside network (no sandbox, no background
 * connections) and a fresh profile per run.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BROWSER = Path.of(System.getProperty("browser.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("browser.driver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        for (Path binary : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's packages "
                        + "chromium and chromium-driver (apt-get install -y chromium chromium-driver fonts-noto-cjk; "
                        + ".ci/run installs them)");
            }
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1100", "--lang=zh-CN");
        // the browser's console, where a page blocked by its Content-Security-Policy says so
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Saves what the browser shows as target/browser-screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
