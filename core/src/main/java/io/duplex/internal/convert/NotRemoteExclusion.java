package io.duplex.internal.convert;

import com.google.gson.ExclusionStrategy;
import com.google.gson.FieldAttributes;
import io.duplex.NotRemote;

/**
 * Leaves {@link NotRemote} fields out in both directions: never written, and a member of that name
 * sent by a browser is skipped like any unknown member. A record component's annotation reaches its
 * field because NotRemote targets both.
 */
final class NotRemoteExclusion implements ExclusionStrategy {
  @Override
  public boolean shouldSkipField(FieldAttributes field) {
    return field.getAnnotation(NotRemote.class) != null;
  }

  @Override
  public boolean shouldSkipClass(Class<?> type) {
    return false;
  }
}
