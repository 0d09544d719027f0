package io.duplex.samples.callcenter;

import io.duplex.ScriptName;

/** The JavaScript object {@code callCenter} in every agent page. */
@ScriptName("callCenter")
public interface CallCenterPage {
  void callerArrived(WaitingCaller caller);

  void callerLeft(CallerLeft left);
}
