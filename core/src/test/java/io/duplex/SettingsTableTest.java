package io.duplex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's configuration table is derived from {@link Settings}: this keeps the two equal. */
class SettingsTableTest {
  /** Rows of README's table that are not Duplex settings (init-param only). */
  private static final List<String> EXTRA_ROWS =
      List.of("| `services` | | init-param only: comma-separated `@RemoteService` class names to expose |");

  static String row(Setting<?> s) {
    String def = s.defaultText();
    return "| `" + s.name() + "` |" + (def.isEmpty() ? "" : " `" + def + "`") + " | " + s.meaning() + " |";
  }

  @Test
  void readmeTableIsTheDeclaredSettings() throws IOException {
    List<String> expected = new ArrayList<>(EXTRA_ROWS);
    Settings.all().forEach(s -> expected.add(row(s)));
    List<String> actual = readmeRows();
    assertEquals(
        String.join("\n", expected),
        String.join("\n", actual),
        "README.md's configuration table must list exactly the settings declared in io.duplex.Settings;"
            + " paste the expected rows above into the table");
  }

  @Test
  void everySettingHasASetterAndAnAccessorNamedAfterIt() {
    for (Setting<?> s : Settings.all()) {
      assertTrue(
          java.util.Arrays.stream(ConfigBuilder.class.getMethods()).anyMatch(m -> m.getName().equals(s.name())),
          "ConfigBuilder has no setter " + s.name());
      assertTrue(
          java.util.Arrays.stream(DuplexConfig.class.getMethods()).anyMatch(m -> m.getName().equals(s.name())),
          "DuplexConfig has no accessor " + s.name());
    }
  }

  @Test
  void aValueOfTheWrongFormNamesTheSettingTheValueAndTheForm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Duplex.builder().set("maxHoldMillis", "30s"));
    assertTrue(e.getMessage().contains("'maxHoldMillis'"), e.getMessage());
    assertTrue(e.getMessage().contains("'30s'"), e.getMessage());
    assertTrue(e.getMessage().contains("milliseconds"), e.getMessage());
  }

  @Test
  void defaultsAndValuesReachTheConfig() {
    DuplexConfig defaults = Duplex.builder().buildConfig();
    for (Setting<?> s : Settings.all()) {
      assertEquals(s.defaultValue(), defaults.get(s), s.name());
    }
    DuplexConfig set =
        Duplex.builder().set("maxHoldMillis", "1234").allowedOrigins("https://A.example/").buildConfig();
    assertEquals(1234L, set.maxHoldMillis());
    assertEquals(List.of("https://a.example"), set.allowedOrigins());
  }

  private static List<String> readmeRows() throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> rows = new ArrayList<>();
    boolean inSection = false;
    boolean inTable = false;
    for (String line : Files.readAllLines(readme)) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Configuration");
        inTable = false;
        continue;
      }
      if (!inSection) {
        continue;
      }
      if (line.startsWith("| name |")) {
        inTable = true;
        continue;
      }
      if (inTable && line.startsWith("|---")) {
        continue;
      }
      if (inTable && line.startsWith("|")) {
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }
}
