package io.duplex.internal.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code POST /call}: a batch of calls plus the page's reverse acknowledgement. */
public record CallBatchRequest(String session, String csrf, long ack, List<Call> calls, List<Answer> answers)
    implements SessionRequest {

  static CallBatchRequest from(JsonObject body) {
    String session = Fields.requiredString(body, "session", "session");
    String csrf = Fields.optionalString(body, "csrf", "csrf");
    long ack = Fields.optionalInteger(body, "ack", "ack", 0, 0);
    JsonArray array = Fields.requiredArray(body, "calls", "calls");
    List<Call> calls = new ArrayList<>(array.size());
    long[] ids = new long[array.size()];
    for (int i = 0; i < array.size(); i++) {
      String path = "calls[" + i + "]";
      JsonObject call = Fields.asObject(array.get(i), path);
      long id = Fields.requiredInteger(call, "id", path + ".id", -Fields.MAX_SAFE_INTEGER);
      String service = Fields.requiredString(call, "service", path + ".service");
      String method = Fields.requiredString(call, "method", path + ".method");
      JsonArray args = Fields.requiredArray(call, "args", path + ".args");
      calls.add(new Call(id, service, method, args));
      ids[i] = id;
    }
    checkUniqueIds(ids);
    return new CallBatchRequest(session, csrf, ack, List.copyOf(calls), Answer.listFrom(body));
  }

  private static void checkUniqueIds(long[] ids) {
    if (ids.length < 2) {
      return;
    }
    long[] sorted = ids.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw ProtocolException.malformed("Field 'calls': id " + sorted[i] + " is used twice");
      }
    }
  }
}
