package io.duplex.samples;

import io.duplex.RemoteMethod;
import io.duplex.RemoteService;

/**
 * Calls every demo page may make. {@link #ping} exists for piggyback mode, where reverse calls only
 * ride on call responses: a page with nothing to say still calls now and then to collect them.
 */
@RemoteService(name = "Samples")
public final class SamplesService {
  @RemoteMethod
  public void ping() {}
}
