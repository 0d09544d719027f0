package io.duplex.internal.protocol;

import com.google.gson.JsonArray;

/** One call in a batch: {@code {"id":1,"service":"Chat","method":"send","args":[...]}}. */
public record Call(long id, String service, String method, JsonArray args) {}
