/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.mcpoauth.discovery;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResourceUris}: canonical RFC 8707 resource identifiers, the RFC 9728 §3.3
 * resource match and well-known URL construction (RFC 8615, RFC 9728 §3.1).
 */
class ResourceUrisTests {

	@Test
	void canonicalResourceWhenSchemeAndHostHaveUpperCaseThenLowerCasesThemButKeepsThePath() {
		assertThat(canonical("HTTPS://MCP.Example.COM/Tools/MCP")).isEqualTo("https://mcp.example.com/Tools/MCP");
	}

	@Test
	void canonicalResourceWhenDefaultPortThenDropsIt() {
		assertThat(canonical("https://mcp.example.com:443/mcp")).isEqualTo("https://mcp.example.com/mcp");
		assertThat(canonical("http://mcp.example.com:80/mcp")).isEqualTo("http://mcp.example.com/mcp");
	}

	@Test
	void canonicalResourceWhenOtherPortThenKeepsIt() {
		assertThat(canonical("https://mcp.example.com:8443/mcp")).isEqualTo("https://mcp.example.com:8443/mcp");
		assertThat(canonical("http://mcp.example.com:443/mcp")).isEqualTo("http://mcp.example.com:443/mcp");
		assertThat(canonical("https://mcp.example.com:80/mcp")).isEqualTo("https://mcp.example.com:80/mcp");
	}

	@Test
	void canonicalResourceWhenTrailingSlashThenDropsIt() {
		assertThat(canonical("https://mcp.example.com/mcp/")).isEqualTo("https://mcp.example.com/mcp");
		assertThat(canonical("https://mcp.example.com/mcp//")).isEqualTo("https://mcp.example.com/mcp");
		assertThat(canonical("https://mcp.example.com/")).isEqualTo("https://mcp.example.com");
		assertThat(canonical("https://mcp.example.com")).isEqualTo("https://mcp.example.com");
	}

	@Test
	void canonicalResourceWhenQueryAndFragmentThenDropsThem() {
		assertThat(canonical("https://mcp.example.com/mcp?tenant=1#section")).isEqualTo("https://mcp.example.com/mcp");
		assertThat(canonical("https://mcp.example.com/mcp/#frag")).isEqualTo("https://mcp.example.com/mcp");
	}

	@Test
	void canonicalResourceWhenIpv6HostThenKeepsTheBrackets() {
		assertThat(canonical("http://[::1]:8080/mcp")).isEqualTo("http://[::1]:8080/mcp");
	}

	@Test
	void canonicalResourceWhenPathIsPercentEncodedThenKeepsTheEncoding() {
		assertThat(canonical("https://mcp.example.com/a%20b/")).isEqualTo("https://mcp.example.com/a%20b");
	}

	@Test
	void originThenIsSchemeHostAndNonDefaultPort() {
		assertThat(ResourceUris.origin(URI.create("https://A.example:443/x/y?q"))).isEqualTo("https://a.example");
		assertThat(ResourceUris.origin(URI.create("http://127.0.0.1:9003/mcp/"))).isEqualTo("http://127.0.0.1:9003");
		assertThat(ResourceUris.origin(URI.create("http://127.0.0.1:9003"))).isEqualTo("http://127.0.0.1:9003");
	}

	@Test
	void pathThenHasNoTrailingSlashAndIsEmptyForTheRoot() {
		assertThat(ResourceUris.path(URI.create("https://a.example/mcp/v1/"))).isEqualTo("/mcp/v1");
		assertThat(ResourceUris.path(URI.create("https://a.example/"))).isEmpty();
		assertThat(ResourceUris.path(URI.create("https://a.example"))).isEmpty();
	}

	@Test
	void coversWhenSameUrlThenTrue() {
		assertThat(ResourceUris.covers("https://a.example/mcp", URI.create("https://a.example/mcp"))).isTrue();
	}

	@Test
	void coversWhenServerUrlIsBelowTheResourceOnASegmentBoundaryThenTrue() {
		assertThat(ResourceUris.covers("https://a.example/mcp", URI.create("https://a.example/mcp/x"))).isTrue();
		assertThat(ResourceUris.covers("https://a.example", URI.create("https://a.example/mcp"))).isTrue();
	}

	@Test
	void coversWhenPathOnlySharesAPrefixThenFalse() {
		assertThat(ResourceUris.covers("https://a.example/mcp", URI.create("https://a.example/mcpx"))).isFalse();
		assertThat(ResourceUris.covers("https://a.example/mcp/x", URI.create("https://a.example/mcp"))).isFalse();
	}

	@Test
	void coversWhenOtherOriginThenFalse() {
		assertThat(ResourceUris.covers("https://b.example/mcp", URI.create("https://a.example/mcp"))).isFalse();
		assertThat(ResourceUris.covers("http://a.example/mcp", URI.create("https://a.example/mcp"))).isFalse();
		assertThat(ResourceUris.covers("https://a.example:8443/mcp", URI.create("https://a.example/mcp"))).isFalse();
		assertThat(ResourceUris.covers("https://a.example.evil/mcp", URI.create("https://a.example/mcp"))).isFalse();
	}

	@Test
	void coversWhenOnlyCaseDefaultPortTrailingSlashOrQueryDifferThenTrue() {
		assertThat(ResourceUris.covers("HTTPS://A.EXAMPLE:443/mcp/", URI.create("https://a.example/mcp?x=1"))).isTrue();
	}

	@Test
	void coversWhenResourceIsRelativeOrMalformedThenFalse() {
		assertThat(ResourceUris.covers("/mcp", URI.create("https://a.example/mcp"))).isFalse();
		assertThat(ResourceUris.covers("not a uri", URI.create("https://a.example/mcp"))).isFalse();
		assertThat(ResourceUris.covers("urn:example:mcp", URI.create("https://a.example/mcp"))).isFalse();
	}

	@Test
	void wellKnownWhenUrlHasAPathThenInsertsTheSuffixBetweenOriginAndPath() {
		assertThat(ResourceUris.wellKnown(URI.create("https://a.example:8443/mcp/v1/?x=1#f"), "oauth-protected-resource"))
			.isEqualTo(URI.create("https://a.example:8443/.well-known/oauth-protected-resource/mcp/v1"));
		assertThat(ResourceUris.wellKnown(URI.create("https://issuer.example/tenant1"), "oauth-authorization-server"))
			.isEqualTo(URI.create("https://issuer.example/.well-known/oauth-authorization-server/tenant1"));
	}

	@Test
	void wellKnownWhenUrlIsTheRootThenAppendsTheSuffixOnly() {
		assertThat(ResourceUris.wellKnown(URI.create("https://a.example/"), "oauth-protected-resource"))
			.isEqualTo(URI.create("https://a.example/.well-known/oauth-protected-resource"));
		assertThat(ResourceUris.wellKnown(URI.create("https://a.example"), "oauth-authorization-server"))
			.isEqualTo(URI.create("https://a.example/.well-known/oauth-authorization-server"));
	}

	private static String canonical(String url) {
		return ResourceUris.canonicalResource(URI.create(url));
	}

}
