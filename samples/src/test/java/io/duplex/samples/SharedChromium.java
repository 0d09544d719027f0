package io.duplex.samples;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link Browser} parameters to one headless Chromium (Debian's, offline) shared by every
 * test class of the run: launched by the first class that asks, closed when the run ends (JUnit
 * closes the root store's values). Classes run one after another, never driving it at once.
 */
public final class SharedChromium implements ParameterResolver {
  private static final String EXECUTABLE = System.getProperty("duplex.chromium", "/usr/bin/chromium");

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedChromium.class))
        .getOrComputeIfAbsent(Launched.class, key -> new Launched(), Launched.class)
        .browser;
  }

  private static final class Launched implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;

    Launched() {
      playwright =
          Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(Paths.get(EXECUTABLE))
                      .setHeadless(true)
                      // Playwright turns the back/forward cache off; pages must survive it.
                      .setIgnoreDefaultArgs(List.of("--disable-back-forward-cache"))
                      .setArgs(
                          List.of(
                              "--no-sandbox",
                              "--disable-gpu",
                              "--disable-quic",
                              "--no-first-run",
                              "--disable-background-networking",
                              "--disable-component-update",
                              "--disable-sync")));
    }

    @Override
    public void close() {
      browser.close();
      playwright.close();
    }
  }
}
