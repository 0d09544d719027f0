package io.duplex.internal.remote;

import com.google.gson.Gson;
import io.duplex.Scope;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One exposed service as the browser sees it: its name, methods and their JavaScript parameters. */
public final class ServiceDefinition {
  // Gson's default HTML escaping turns < > & = ' into \\u escapes, so the stub is safe inline too.
  private static final Gson JSON = new Gson();

  private final String name;
  private final Scope scope;
  private final Class<?> type;
  private final Map<String, MethodGroup> methods;
  private final Map<String, List<String>> jsSignature;
  private final String scriptPrefix;
  private final String scriptSuffix;
  private final ServiceInstances instances;

  ServiceDefinition(String name, Scope scope, Class<?> type, List<MethodGroup> groups, ServiceInstances instances) {
    this.name = name;
    this.scope = scope;
    this.type = type;
    this.instances = instances;
    Map<String, MethodGroup> byName = new HashMap<>();
    Map<String, List<String>> signature = new TreeMap<>();
    Map<String, Map<String, List<Integer>>> overloads = new TreeMap<>();
    for (MethodGroup group : groups) {
      byName.put(group.name, group);
      signature.put(group.name, group.jsNames);
      if (group.overloadShape != null) {
        overloads.put(group.name, new TreeMap<>(group.overloadShape));
      }
    }
    this.methods = byName;
    this.jsSignature = Collections.unmodifiableMap(signature);
    this.scriptPrefix = "duplex.service(" + JSON.toJson(name) + ", " + JSON.toJson(signature) + ", ";
    this.scriptSuffix = overloads.isEmpty() ? ");" : ", " + JSON.toJson(overloads) + ");";
  }

  /** Every role a method of this service names. */
  Set<String> roles() {
    Set<String> roles = new HashSet<>();
    for (MethodGroup group : methods.values()) {
      roles.addAll(group.roles());
    }
    return roles;
  }

  public String name() {
    return name;
  }

  public Scope scope() {
    return scope;
  }

  public Class<?> type() {
    return type;
  }

  /**
   * Method name to the JavaScript parameter names of its longest overload (injected parameters
   * left out), sorted by method name.
   */
  public Map<String, List<String>> jsSignature() {
    return jsSignature;
  }

  /**
   * The interface stub of docs/protocol.md section 5, e.g.
   * {@code duplex.service("Chat", {"history":[],"send":["text"]}, "/duplex");}, with a fourth
   * argument describing the overloaded methods when there are any
   *
   * @param base where the servlet is mapped, as the browser reaches it
   */
  public String interfaceScript(String base) {
    return scriptPrefix + JSON.toJson(base) + scriptSuffix;
  }

  MethodGroup method(String methodName) {
    return methodName == null ? null : methods.get(methodName);
  }

  ServiceInstances instances() {
    return instances;
  }

  @Override
  public String toString() {
    return "ServiceDefinition[" + name + " " + scope + " " + type.getName() + "]";
  }
}
