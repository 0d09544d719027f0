package io.duplex.internal.reverse;

/**
 * What a typed browser proxy forwards to: its generated class calls {@link #call} with the method's
 * index and boxed arguments. Public only because generated classes live in the proxied interface's
 * package.
 */
public final class ProxyDispatch {
  private final TargetQuery targets;
  private final ProxyType type;

  ProxyDispatch(TargetQuery targets, ProxyType type) {
    this.targets = targets;
    this.type = type;
  }

  /** Converts the arguments once, by the method's declared types, and queues them to the targets. */
  public void call(int method, Object[] args) {
    ProxyMethod target = type.method(method);
    targets.enqueue(targets.manager.payloads().call(target.prefix(), args, target.parameterTypes()));
  }

  public String describe() {
    return "browser proxy " + type.interfaceName() + " to " + targets;
  }
}
