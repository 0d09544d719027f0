package io.duplex.internal.convert;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapterFactory;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** SEAM STUB — replaced by the convert implementation. */
public final class JsonConverter {
  private final Gson gson;

  private JsonConverter(Builder builder) {
    com.google.gson.GsonBuilder gb = new com.google.gson.GsonBuilder();
    builder.factories.forEach(gb::registerTypeAdapterFactory);
    this.gson = gb.create();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Object fromJson(JsonElement json, Type type) throws ConversionException {
    return gson.fromJson(json, type);
  }

  public void writeJson(Object value, Type declaredType, com.google.gson.stream.JsonWriter out)
      throws java.io.IOException {
    gson.toJson(value, declaredType == null ? (value == null ? Object.class : value.getClass()) : declaredType, out);
  }

  public String toJson(Object value, Type type) {
    return gson.toJson(value, type == null ? (value == null ? Object.class : value.getClass()) : type);
  }

  public Gson gson() {
    return gson;
  }

  public static final class Builder {
    private final List<TypeAdapterFactory> factories = new ArrayList<>();

    public Builder register(TypeAdapterFactory factory) {
      if (factory != null) {
        factories.add(factory);
      }
      return this;
    }

    public JsonConverter build() {
      return new JsonConverter(this);
    }
  }
}
