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

/**
 * DPoP (RFC 9449): the proof-of-possession key a token is bound to, the proofs signed with it
 * for token and resource requests, and the nonces servers hand out.
 *
 * <p>The engine binds tokens by itself when the authorization server supports DPoP
 * ({@code mcp.oauth.servers.<name>.dpop}, {@code McpServerDefinition.Builder.dpop}). A key and a
 * proof by hand:
 * <pre>{@code
 * DPoPKey key = DPoPKey.generate("ES256");
 * // A proof for one request (RFC 9449 §4.2): method, URI, access token (resource requests), nonce.
 * String proof = key.proof("POST", URI.create("https://auth.example.com/token"), null, null, Instant.now());
 * String jkt = key.thumbprint();   // what a bound token's cnf.jkt names (RFC 9449 §6)
 * }</pre>
 *
 * <p>The example is compiled, and run where it needs no server, by
 * {@code io.github.mcpoauth.JavadocExamplesTests} in the library's tests: change both
 * together.
 */
@NullMarked
package io.github.mcpoauth.dpop;

import org.jspecify.annotations.NullMarked;
