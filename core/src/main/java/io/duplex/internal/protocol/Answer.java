package io.duplex.internal.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A page's answer to a reverse call that asked for one (protocol section 4.7): {@code {"id":7,
 * "value":...}} or {@code {"id":7,"error":"message"}}, sent in the {@code answers} member of any
 * request body.
 *
 * @param id the ask's id, the entry's {@code answer}
 * @param value the value (JSON null when absent); ignored when {@code error} is set
 * @param error the page's message when its function threw or its Promise was rejected, else null
 */
public record Answer(long id, JsonElement value, String error) {
  /** The {@code answers} of a request body; empty when it has none. */
  static List<Answer> listFrom(JsonObject body) {
    JsonElement member = body.get("answers");
    if (member == null || member.isJsonNull()) {
      return List.of();
    }
    JsonArray array = Fields.requiredArray(body, "answers", "answers");
    List<Answer> answers = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String path = "answers[" + i + "]";
      JsonObject answer = Fields.asObject(array.get(i), path);
      long id = Fields.requiredInteger(answer, "id", path + ".id", 1);
      String error = Fields.optionalString(answer, "error", path + ".error");
      answers.add(new Answer(id, answer.get("value"), error));
    }
    return List.copyOf(answers);
  }
}
