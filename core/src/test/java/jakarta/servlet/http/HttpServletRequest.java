package jakarta.servlet.http;

import jakarta.servlet.ServletRequest;

/** Test stand-in; see {@link ServletRequest}. */
public interface HttpServletRequest extends ServletRequest {
  String getHeader(String name);
}
