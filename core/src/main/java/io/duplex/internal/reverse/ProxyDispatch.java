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

  /**
   * Converts the arguments once, by the method's declared types, and queues them to the targets.
   *
   * @return how many pages the call was queued to; what a method declared {@code int} returns
   */
  public int call(int method, Object[] args) {
    ProxyMethod target = type.method(method);
    Object[] arguments = args == null ? new Object[0] : args;
    io.duplex.PushInterceptor[] interceptors = targets.manager.pushInterceptors();
    if (interceptors.length == 0) {
      return targets.enqueue(
          target.function(), targets.manager.payloads().call(target.prefix(), arguments, target.parameterTypes()));
    }
    return InterceptedPush.run(
        interceptors,
        targets,
        InterceptedPush.one(target.function(), arguments),
        () -> targets.enqueue(
            target.function(),
            targets.manager.payloads().call(target.prefix(), arguments, target.parameterTypes())));
  }

  /**
   * Asks the targets (protocol section 4.7): the one matching page, or every one when the method
   * returns {@code CompletableFuture<List<PageAnswer<T>>>}.
   *
   * @return the method's {@code CompletableFuture}
   */
  public java.util.concurrent.CompletableFuture<?> ask(int method, Object[] args) {
    ProxyMethod target = type.method(method);
    return target.asksAll()
        ? targets.askEach(target.function(), target.prefix(), args, target.parameterTypes(), target.answerType())
        : targets.askOne(target.function(), target.prefix(), args, target.parameterTypes(), target.answerType());
  }

  public String describe() {
    return "browser proxy " + type.interfaceName() + " to " + targets;
  }
}
