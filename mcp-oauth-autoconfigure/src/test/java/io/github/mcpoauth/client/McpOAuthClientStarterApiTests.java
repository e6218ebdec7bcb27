package io.github.mcpoauth.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.mcpoauth.authorization.DirectUserAgent;
import io.github.mcpoauth.core.McpOAuthErrorCode;
import io.github.mcpoauth.core.McpOAuthException;
import io.github.mcpoauth.core.McpServerDefinition;
import io.github.mcpoauth.discovery.BearerChallenge;
import io.github.mcpoauth.registration.OAuthClientRegistration;
import io.github.mcpoauth.store.InMemoryTokenStore;
import io.github.mcpoauth.testsupport.FakeAuthorizationServer;
import io.github.mcpoauth.testsupport.MutableClock;
import io.github.mcpoauth.token.OAuthToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static io.github.mcpoauth.testsupport.FakeAuthorizationServer.AS_METADATA_PATH;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.TIMEOUT;
import static io.github.mcpoauth.testsupport.McpOAuthAssertions.expectError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the parts of {@link McpOAuthClient} the starter relies on: the step-up count and
 * its reset, {@code forget}, the accessors, and unreachable servers reported as
 * {@link McpOAuthErrorCode#CONNECTION_FAILED}.
 */
class McpOAuthClientStarterApiTests {

	private static final String OLD_ISSUER = "https://old-issuer.example";

	private final MutableClock clock = MutableClock.now();

	private final InMemoryTokenStore store = new InMemoryTokenStore(this.clock);

	private FakeAuthorizationServer fake;

	private McpServerDefinition server;

	private McpOAuthClient client;

	@BeforeEach
	void setUp() {
		this.fake = FakeAuthorizationServer.startWithMetadata();
		this.server = McpServerDefinition.builder("fake", this.fake.mcpUrl()).build();
		this.client = client();
	}

	@AfterEach
	void tearDown() {
		this.fake.close();
	}

	@Test
	void accessorsThenGiveWhatTheBuilderWasGiven() {
		McpOAuthClient built = McpOAuthClient.builder()
			.tokenStore(this.store)
			.clock(this.clock)
			.clockSkew(Duration.ofSeconds(5))
			.build();

		assertThat(built.tokenStore()).isSameAs(this.store);
		assertThat(built.clock()).isSameAs(this.clock);
		assertThat(built.clockSkew()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void handleForbiddenWhenStepUpsExceedTheCapThenInsufficientScope() {
		String token = authenticate().accessToken();
		for (int i = 1; i <= McpOAuthClient.MAX_STEP_UP_ATTEMPTS; i++) {
			token = this.client.handleForbidden(this.server, insufficientScope("scope-" + i), token)
				.block(TIMEOUT)
				.accessToken();
		}

		expectError(this.client.handleForbidden(this.server, insufficientScope("scope-4"), token),
				McpOAuthErrorCode.INSUFFICIENT_SCOPE);
	}

	@Test
	void stepUpSucceededThenTheStepUpCountStartsAgain() {
		String token = authenticate().accessToken();
		for (int i = 1; i <= McpOAuthClient.MAX_STEP_UP_ATTEMPTS; i++) {
			token = this.client.handleForbidden(this.server, insufficientScope("scope-" + i), token)
				.block(TIMEOUT)
				.accessToken();
		}

		this.client.stepUpSucceeded(this.server);
		OAuthToken stepped = this.client.handleForbidden(this.server, insufficientScope("scope-4"), token)
			.block(TIMEOUT);

		assertThat(stepped.scopes()).contains("scope-1", "scope-2", "scope-3", "scope-4");
	}

	@Test
	void forgetThenRemovesTheTokenAndTheRegistration() {
		authenticate();

		assertThat(this.client.forget(this.server).block(TIMEOUT)).isTrue();

		assertThat(this.store.loadToken("fake").block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
		assertThat(this.client.forget(this.server).block(TIMEOUT)).isFalse();
	}

	@Test
	void forgetWhenTheTokenCameFromAnotherIssuerThenRemovesTheRegistrationsAtBoth() {
		authenticate();
		this.store.saveToken("fake", new OAuthToken("old-access", "Bearer", "old-refresh", this.clock.instant(), null,
				OLD_ISSUER, this.fake.mcpUrl().toString(), Set.of()))
			.block(TIMEOUT);
		this.store.saveRegistration("fake", new OAuthClientRegistration(OLD_ISSUER, "old-client", null, "none",
				List.of("http://127.0.0.1/callback"), null, OAuthClientRegistration.Source.DYNAMIC))
			.block(TIMEOUT);
		McpOAuthClient fresh = client();
		fresh.discover(this.server, null).block(TIMEOUT);

		assertThat(fresh.forget(this.server).block(TIMEOUT)).isTrue();

		assertThat(this.store.loadToken("fake").block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", OLD_ISSUER).block(TIMEOUT)).isNull();
		assertThat(this.store.loadRegistration("fake", this.fake.issuer()).block(TIMEOUT)).isNull();
	}

	@Test
	void forgetThenTheCachedTokenIsNotUsedAnyMore() {
		authenticate();
		this.client.forget(this.server).block(TIMEOUT);
		this.fake.clearRecordings();

		this.client.ensureAuthenticated(this.server).block(TIMEOUT);

		assertThat(this.fake.requestLines()).contains("POST /register", "GET /authorize");
	}

	@Test
	void ensureAuthenticatedWhenTheTokenEndpointIsUnreachableThenConnectionFailed() {
		Map<String, Object> metadata = this.fake.authorizationServerMetadata();
		metadata.put("token_endpoint", "http://127.0.0.1:" + closedPort() + "/token");
		this.fake.document(AS_METADATA_PATH, metadata);

		McpOAuthException ex = expectError(this.client.ensureAuthenticated(this.server),
				McpOAuthErrorCode.CONNECTION_FAILED);

		assertThat(ex.getMessage()).contains("POST").contains("/token");
		assertThat(this.store.loadToken("fake").block(TIMEOUT)).isNull();
	}

	private McpOAuthClient client() {
		return McpOAuthClient.builder()
			.webClient(WebClient.create())
			.tokenStore(this.store)
			.userAgent(new DirectUserAgent(WebClient.create()))
			.clock(this.clock)
			.build();
	}

	private OAuthToken authenticate() {
		return this.client.ensureAuthenticated(this.server).block(TIMEOUT);
	}

	private static BearerChallenge insufficientScope(String scope) {
		return BearerChallenge.parse(List.of("Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""))
			.orElseThrow();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
