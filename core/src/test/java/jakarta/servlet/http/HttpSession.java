package jakarta.servlet.http;

/** Test stand-in; see {@link jakarta.servlet.ServletRequest}. */
public interface HttpSession {
  String getId();
}
