package io.duplex.internal.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.duplex.CallContext;
import io.duplex.Duplex;
import io.duplex.JsFunction;
import io.duplex.NotRemote;
import io.duplex.RemoteMethod;
import io.duplex.RemoteService;
import io.duplex.ScriptName;
import io.duplex.ScriptSession;
import io.duplex.Typings;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypeScriptWriterTest {
  public enum Colour { RED, GREEN }

  public record Box<T>(T content, List<T> more) {}

  public record Secretive(String name, @NotRemote String hidden) {}

  /** A bean: written by its public getters and fields only. */
  public static class Account {
    public int visits;
    private String owner = "ann";
    private String passwordHash = "x";

    public String getOwner() {
      return owner;
    }

    public boolean isActive() {
      return true;
    }
  }

  @RemoteService(name = "Kitchen")
  public static class KitchenService {
    @RemoteMethod
    public BigDecimal price(BigDecimal amount, long count, CallContext call) {
      return amount;
    }

    @RemoteMethod
    public Optional<String> find(Optional<String> name, ScriptSession page) {
      return name;
    }

    @RemoteMethod
    public Map<String, Colour> colours(Map<String, Integer> counts, byte[] data, Date when, UUID id) {
      return Map.of();
    }

    @RemoteMethod
    public void watch(String room, JsFunction listener) {}

    @RemoteMethod
    public void watch(String room) {}

    @RemoteMethod
    public CompletableFuture<Void> later() {
      return null;
    }

    @RemoteMethod
    public CompletableFuture<Long> count() {
      return null;
    }

    @RemoteMethod
    public Box<Instant> box(Secretive s) {
      return null;
    }

    @RemoteMethod
    public Account account(OptionalLong id, Runnable cannotBeSent) {
      return null;
    }

    public String notExposed() {
      return "";
    }
  }

  /** No prefix: each function is a global name; a dotted @ScriptName nests. */
  public interface LoosePage {
    void refresh();

    @ScriptName("ui.toast")
    void toast(String text, Colour colour);

    int reached(List<Box<String>> boxes);
  }

  @ScriptName("app.board")
  public interface BoardPage {
    void show(Account account);
  }

  private static String kitchen() {
    try (Duplex duplex = Duplex.builder().expose(KitchenService.class).build()) {
      return Typings.service(duplex, "Kitchen");
    }
  }

  @Test
  void serviceParametersAndResultsFollowTheWire() {
    String ts = kitchen();
    assertTrue(ts.contains("  price(amount: string | number, count: number | string, callbackOrOptions?: "
        + "DuplexCallback<string> | DuplexCallOptions<string>): Promise<string>;"), ts);
    assertTrue(ts.contains("find(name: string | null, callbackOrOptions?"), "injected ScriptSession left out: " + ts);
    assertTrue(ts.contains("): Promise<string | null>;"), ts);
    assertTrue(ts.contains("colours(counts: Record<string, number>, data: string, when: string | number, id: string,"), ts);
    assertTrue(ts.contains("Promise<Record<string, Colour>>"), ts);
    assertTrue(ts.contains("export type Colour = \"RED\" | \"GREEN\";"), ts);
    assertTrue(ts.contains("  later(callbackOrOptions?: DuplexCallback<void> | DuplexCallOptions<void>): Promise<void>;"), ts);
    assertTrue(ts.contains("Promise<number | string>;"), "CompletableFuture<Long>: " + ts);
    assertFalse(ts.contains("notExposed"), ts);
    assertTrue(ts.contains("const Kitchen: Kitchen;"), ts);
  }

  @Test
  void overloadsBecomeTypeScriptOverloadsInTheEnginesOrder() {
    String ts = kitchen();
    int one = ts.indexOf("  watch(room: string, callbackOrOptions?");
    int two = ts.indexOf("  watch(room: string, listener: (...args: any[]) => unknown, callbackOrOptions?");
    assertTrue(two > 0 && one > two, "a trailing function is an argument when an overload takes one: " + ts);
  }

  @Test
  void recordsBeansAndGenericsAreInterfaces() {
    String ts = kitchen();
    assertTrue(ts.contains("export interface Box_Instant {\n  content: string;\n  more: Array<string>;\n}"), ts);
    assertTrue(ts.contains("export interface Secretive {\n  name: string;\n}"), "@NotRemote component left out: " + ts);
    assertTrue(ts.contains("export interface Account {\n  visits: number;\n  owner: string;\n  active: boolean;\n}"), ts);
    assertFalse(ts.contains("passwordHash"), ts);
    assertTrue(ts.contains("account(id: number | string | null, cannotBeSent: null,"), "an interface only receives null: " + ts);
  }

  @Test
  void pageInterfaceListsItsFunctionsForExpose() {
    String loose = Typings.page(LoosePage.class);
    assertTrue(loose.contains("export interface LoosePage {\n  reached(boxes: Array<Box_String>): void;\n"
        + "  refresh(): void;\n  ui: {\n    toast(text: string, colour: Colour): void;\n  };\n}"), loose);
    assertTrue(loose.contains("    reached: LoosePage[\"reached\"];\n    refresh: LoosePage[\"refresh\"];\n"
        + "    ui: LoosePage[\"ui\"];\n"), loose);
    String board = Typings.page(BoardPage.class);
    assertTrue(board.contains("export interface BoardPage {\n  show(account: Account): void;\n}"), board);
    assertTrue(board.contains("    app: { board: BoardPage };\n"), board);
  }

  @Test
  void aTypeThatCannotBeAPageIsRefusedWithTheProxysReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Typings.page(Account.class));
    assertTrue(e.getMessage().contains("needs an interface"), e.getMessage());
  }

  @Test
  void commandWritesEveryFile(@TempDir Path dir) throws Exception {
    Typings.main(new String[] {
        "--service", KitchenService.class.getName(), "--page", BoardPage.class.getName(), "--out", dir.toString()});
    assertEquals(kitchen(), Files.readString(dir.resolve("Kitchen.d.ts")));
    assertEquals(Typings.page(BoardPage.class), Files.readString(dir.resolve("BoardPage.d.ts")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Typings.main(new String[] {"--x"}));
    assertTrue(e.getMessage().contains("--service <class>"), e.getMessage());
  }

  /** Named like the Kitchen service: its typings file would replace the service's. */
  public interface Kitchen {
    void refresh();
  }

  @Test
  void twoTypingsWithOneFileNameAreRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
    try (Duplex duplex = Duplex.builder().expose(KitchenService.class).build()) {
      Path out = dir.resolve("types");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Typings.write(duplex, List.of(Kitchen.class), out));
      assertTrue(e.getMessage().contains("Kitchen.d.ts"), e.getMessage());
      assertTrue(e.getMessage().contains("service Kitchen"), e.getMessage());
      assertTrue(e.getMessage().contains(Kitchen.class.getName()), e.getMessage());
      assertFalse(Files.exists(out), "nothing is written");
    }
  }
}
