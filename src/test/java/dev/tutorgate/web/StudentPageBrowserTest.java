package dev.tutorgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tutorgate.web.auth.IssuedToken;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The student page in Debian's Chromium (headless): a question streamed to an answer with its
 * sources, a rating that lands in the database, the conversation kept across a reload, a phone
 * width, and the Russian page. Screenshots go to target/screenshots/.
 */
@Tag("browser")
class StudentPageBrowserTest {
    static TutorgateFixture web;
    static IssuedToken student;

    @BeforeAll
    static void start() {
        // The offline course search answers: real excerpts of the bundled course, with lesson titles as sources.
        web = new TutorgateFixture(dev.tutorgate.provider.emulator.EmulatorSettings.instant(), """
                routing: { simple: offline, medium: offline, complex: offline, fallbacks: [offline] }
                limits: { studentRequestsPerMinute: 2 }
                """);
        student = web.student("Ada");
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    static ChromeDriver chrome(String language) throws Exception {
        Path profile = Files.createDirectories(Path.of("target", "chrome-profiles", UUID.randomUUID().toString()));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1200,900", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(ChromeDriver driver, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Types and sends a question; returns the answer's list item (the page removes it if no text came). */
    static WebElement ask(ChromeDriver driver, String question) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        int before = driver.findElements(By.cssSelector("#log .message.assistant")).size();
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
        box.sendKeys(question);
        driver.findElement(By.id("send")).click();
        wait.until(d -> d.findElements(By.cssSelector("#log .message.assistant")).size() > before);
        return driver.findElements(By.cssSelector("#log .message.assistant")).get(before);
    }

    static void askExpectingError(ChromeDriver driver, String question) {
        WebElement box = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.id("question")));
        box.sendKeys(question);
        driver.findElement(By.id("send")).click();
    }

    @Test
    void aStudentAsksSeesTheAnswerWithSourcesAndRatesIt() throws Exception {
        ChromeDriver driver = chrome("en");
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(web.base + "/?token=" + student.token());
            wait.until(d -> d.getCurrentUrl().endsWith("/"));
            assertThat(driver.getCurrentUrl()).doesNotContain("token"); // handed off into a cookie
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Ada"));
            assertThat(driver.findElement(By.id("question")).getDomAttribute("placeholder")).startsWith("Ask a question, e.g. “Explain “").endsWith("” in simple words”");

            WebElement answer = ask(driver, "What is FastAPI?");
            wait.until(d -> answer.getDomAttribute("class").contains("done"));
            // the offline answer's Markdown: an emphasised notice, lesson headings, code blocks
            assertThat(answer.findElement(By.cssSelector(".content em")).getText()).contains("excerpt from the course");
            assertThat(answer.findElements(By.cssSelector(".content h4"))).isNotEmpty();
            assertThat(answer.findElements(By.cssSelector(".content pre code"))).isNotEmpty();
            assertThat(answer.findElements(By.cssSelector(".sources-list li"))).extracting(WebElement::getText)
                    .contains("Your first FastAPI application");
            screenshot(driver, "student-page-answer");

            answer.findElement(By.cssSelector(".star[data-stars='4']")).click();
            wait.until(ExpectedConditions.textToBePresentInElement(answer.findElement(By.cssSelector(".rating-status")), "Thank you!"));
            String requestId = web.lastRequestOf(student.student().id());
            assertThat(web.feedbackRow(requestId)).startsWith("4");

            driver.navigate().refresh(); // the conversation comes back, with its stars
            wait.until(d -> d.findElements(By.cssSelector("#log .message.assistant.done")).size() == 1);
            assertThat(driver.findElements(By.cssSelector("#log .message.user"))).extracting(WebElement::getText)
                    .anySatisfy(text -> assertThat(text).contains("What is FastAPI?"));
            assertThat(driver.findElements(By.cssSelector("#log .star.on"))).hasSize(4);

            driver.findElement(By.id("new-conversation")).click();
            assertThat(driver.findElements(By.cssSelector("#log .message"))).isEmpty();
        } finally {
            driver.quit();
        }
    }

    @Test
    void thePageFitsAPhoneAndSpeaksRussian() throws Exception {
        ChromeDriver driver = chrome("ru");
        try {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 375, "height", 812, "deviceScaleFactor", 2, "mobile", true));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            IssuedToken boris = web.student("Борис");
            driver.get(web.base + "/?token=" + boris.token());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Борис"));
            assertThat(driver.findElement(By.id("send")).getText()).isEqualTo("Отправить");

            WebElement answer = ask(driver, "Что такое виртуальное окружение?");
            wait.until(d -> answer.getDomAttribute("class").contains("done"));
            assertThat(answer.findElement(By.cssSelector(".sources-label")).getText()).isEqualTo("Источники:");
            assertThat(answer.findElement(By.cssSelector(".content em")).getText()).contains("выдержка из курса");
            WebElement second = ask(driver, "Как установить pip?");
            wait.until(d -> second.getDomAttribute("class").contains("done"));
            askExpectingError(driver, "А что такое FastAPI?"); // the third question in a minute
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(error.getText()).startsWith("Слишком много запросов — попробуйте через ");

            JavascriptExecutor js = driver;
            Long overflow = (Long) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).isLessThanOrEqualTo(0L); // nothing sticks out sideways at 375 px
            assertThat((Long) js.executeScript("return window.innerWidth;")).isEqualTo(375L);
            screenshot(driver, "student-page-375px-ru");
        } finally {
            driver.quit();
        }
    }

    @Test
    void anAnswerFromAFallbackSaysSo() throws Exception {
        try (TutorgateFixture routed = new TutorgateFixture()) { // gpt-4.1-mini through the emulator, offline last
            routed.emulator.modelDown("gpt-4.1-mini");
            IssuedToken ann = routed.student("Ann");
            ChromeDriver driver = chrome("en");
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                driver.get(routed.base + "/?token=" + ann.token());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Ann"));
                WebElement answer = ask(driver, "What is FastAPI?");
                wait.until(d -> answer.getDomAttribute("class").contains("done"));
                WebElement notice = answer.findElement(By.cssSelector(".notice"));
                assertThat(notice.isDisplayed()).isTrue();
                assertThat(notice.getText()).contains("temporarily unavailable");
                assertThat(answer.findElement(By.cssSelector(".meta")).getText()).contains("offline");
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void withoutATokenThePageAsksForOne() throws Exception {
        ChromeDriver driver = chrome("en");
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get(web.base + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
            driver.findElement(By.id("token")).sendKeys(student.token());
            driver.findElement(By.cssSelector(".signin-form button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "Ada"));
            assertThat(driver.getCurrentUrl()).doesNotContain("token");
            assertThat(List.of(driver.findElement(By.id("signin")).isDisplayed())).containsExactly(false);
        } finally {
            driver.quit();
        }
    }
}
