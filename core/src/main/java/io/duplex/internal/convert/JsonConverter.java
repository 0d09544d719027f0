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

  /** A reader for {@code type}, made once and reused for every value of that type. */
  public ValueReader reader(Type type) {
    com.google.gson.TypeAdapter<?> adapter = gson.getAdapter(com.google.gson.reflect.TypeToken.get(type));
    return json -> {
      try {
        return adapter.fromJsonTree(json);
      } catch (RuntimeException e) {
        throw new ConversionException(String.valueOf(e.getMessage()), e);
      }
    };
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
