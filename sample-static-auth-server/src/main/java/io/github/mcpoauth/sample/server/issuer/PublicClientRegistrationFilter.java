package io.github.mcpoauth.sample.server.issuer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In the {@code authorization-server} role, registers a client that asks for a
 * {@code client_secret_*} method as a public client ({@code none}) instead of refusing
 * it: RFC 7591 §3.2.1 lets the server replace requested metadata with suitable values,
 * and the response tells the client which method it got. The registration endpoint of the
 * combined sample stays strict.
 * <p>
 * Clients such as this project's engine ask for the strongest method the metadata
 * advertises ({@code client_secret_basic}, for the static client); the registration
 * endpoint issues no secrets, so a public client with PKCE is what they can have.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
final class PublicClientRegistrationFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(PublicClientRegistrationFilter.class);

	private static final Set<String> SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post");

	private static final String METHOD = "token_endpoint_auth_method";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
			throws ServletException, IOException {
		byte[] body = request.getInputStream().readAllBytes();
		filterChain.doFilter(new BodyRequest(request, substitute(body)), response);
	}

	private byte[] substitute(byte[] body) {
		try {
			JsonNode request = this.jsonMapper.readTree(body);
			if (request instanceof ObjectNode object && SECRET_METHODS.contains(object.path(METHOD).asString(""))) {
				logger.debug("Registering a public client instead of " + object.path(METHOD).asString());
				object.put(METHOD, "none");
				return this.jsonMapper.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
			}
		}
		catch (JacksonException ex) {
			// malformed: the registration endpoint reports it
		}
		return body;
	}

	private static final class BodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

			};
		}

	}

}
