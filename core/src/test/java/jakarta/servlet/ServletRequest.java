package jakarta.servlet;

/**
 * Test stand-in: core has no servlet dependency and recognises injected container types by name,
 * so its tests declare same-named types.
 */
public interface ServletRequest {
  String getRemoteAddr();
}
