package io.duplex.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class RequestParserTest {
  private final RequestParser parser = new RequestParser(32, 1000);

  private static RequestBody.Bytes body(String json) {
    return RequestBody.Bytes.of(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(ErrorCode code, String messagePart, Executable parse) {
    ProtocolException e = assertThrows(ProtocolException.class, parse);
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks " + messagePart);
  }

  @Test
  void parsesACallBatch() {
    CallBatchRequest batch =
        parser.callBatch(
            body(
                "{'v':1,'session':'s1','csrf':'t','ack':12,'calls':["
                    + "{'id':1,'service':'Chat','method':'send','args':['hi']},"
                    + "{'id':2,'service':'Chat','method':'history','args':[]}]}"));
    assertEquals("s1", batch.session());
    assertEquals("t", batch.csrf());
    assertEquals(12, batch.ack());
    assertEquals(2, batch.calls().size());
    Call first = batch.calls().get(0);
    assertEquals(1, first.id());
    assertEquals("Chat", first.service());
    assertEquals("send", first.method());
    assertEquals("hi", first.args().get(0).getAsString());
    assertEquals(0, batch.calls().get(1).args().size());
  }

  @Test
  void ackDefaultsToZeroAndCsrfToNull() {
    CallBatchRequest batch = parser.callBatch(body("{'v':1,'session':'s','calls':[]}"));
    assertEquals(0, batch.ack());
    assertNull(batch.csrf());
    assertEquals(0, parser.reverse(body("{'v':1,'session':'s'}")).ack());
  }

  @Test
  void reverseConnIsOptionalAndAWholeNumber() {
    assertEquals(0, parser.reverse(body("{'v':1,'session':'s'}")).conn());
    assertEquals(7, parser.reverse(body("{'v':1,'session':'s','ack':2,'conn':7}")).conn());
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'conn'", () -> parser.reverse(body("{'v':1,'session':'s','conn':-1}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'conn'", () -> parser.reverse(body("{'v':1,'session':'s','conn':'2'}")));
  }

  @Test
  void versionIsCheckedBeforeOtherFields() {
    assertRefused(ErrorCode.UNSUPPORTED_VERSION, "version 2", () -> parser.callBatch(body("{'v':2}")));
    assertRefused(ErrorCode.UNSUPPORTED_VERSION, "version", () -> parser.handshake(body("{'v':1.5,'page':'/'}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'v'", () -> parser.handshake(body("{'page':'/'}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'v'", () -> parser.handshake(body("{'v':'1','page':'/'}")));
  }

  @Test
  void malformedFieldsAreNamed() {
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'page'", () -> parser.handshake(body("{'v':1}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'page'", () -> parser.handshake(body("{'v':1,'page':3}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'session'", () -> parser.callBatch(body("{'v':1,'calls':[]}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'session'", () -> parser.unload(body("{'v':1,'session':null}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'csrf'", () -> parser.ack(body("{'v':1,'session':'s','csrf':5,'ack':1}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'ack'", () -> parser.ack(body("{'v':1,'session':'s','csrf':'c'}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'ack'", () -> parser.reverse(body("{'v':1,'session':'s','ack':-1}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'ack'", () -> parser.reverse(body("{'v':1,'session':'s','ack':1.5}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'ack'", () -> parser.reverse(body("{'v':1,'session':'s','ack':'3'}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls'", () -> parser.callBatch(body("{'v':1,'session':'s'}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls'", () -> parser.callBatch(body("{'v':1,'session':'s','calls':{}}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls[0]'", () -> parser.callBatch(body("{'v':1,'session':'s','calls':[7]}")));
    String call = "{'id':1,'service':'S','method':'m','args':[]}";
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls[1].id'",
        () -> parser.callBatch(body("{'v':1,'session':'s','calls':[" + call + ",{'service':'S','method':'m','args':[]}]}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls[0].service'",
        () -> parser.callBatch(body("{'v':1,'session':'s','calls':[{'id':1,'service':1,'method':'m','args':[]}]}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls[0].method'",
        () -> parser.callBatch(body("{'v':1,'session':'s','calls':[{'id':1,'service':'S','args':[]}]}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "'calls[0].args'",
        () -> parser.callBatch(body("{'v':1,'session':'s','calls':[{'id':1,'service':'S','method':'m','args':'x'}]}")));
    assertRefused(ErrorCode.MALFORMED_REQUEST, "id 1 is used twice",
        () -> parser.callBatch(body("{'v':1,'session':'s','calls':[" + call + "," + call + "]}")));
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() {
    assertEquals("/x", parser.handshake(body("{'v':1,'page':'/x','future':{'a':[1]}}")).page());
  }

  @Test
  void limitsApplyToEveryRequestKind() {
    RequestParser tight = new RequestParser(2, 5);
    assertRefused(ErrorCode.STRING_TOO_LONG, "5", () -> tight.handshake(body("{'v':1,'page':'/123456'}")));
    RequestParser shallow = new RequestParser(2, 100);
    assertRefused(ErrorCode.JSON_TOO_DEEP, "2",
        () -> shallow.callBatch(body("{'v':1,'session':'s','calls':[{'id':1}]}")));
  }
}
