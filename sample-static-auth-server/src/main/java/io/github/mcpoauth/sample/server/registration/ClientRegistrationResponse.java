package io.github.mcpoauth.sample.server.registration;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The RFC 7591 §3.2.1 client information response: the registered metadata of a public
 * client, without secret.
 *
 * @param clientId {@code client_id}
 * @param clientIdIssuedAt {@code client_id_issued_at}, epoch seconds
 * @param clientName {@code client_name}, when the client sent one
 * @param redirectUris {@code redirect_uris}
 * @param grantTypes {@code grant_types}
 * @param responseTypes {@code response_types}
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}, always {@code none}
 * @param scope {@code scope}, space-separated
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClientRegistrationResponse(@JsonProperty("client_id") String clientId,
		@JsonProperty("client_id_issued_at") long clientIdIssuedAt, @JsonProperty("client_name") @Nullable String clientName,
		@JsonProperty("redirect_uris") List<String> redirectUris, @JsonProperty("grant_types") List<String> grantTypes,
		@JsonProperty("response_types") List<String> responseTypes,
		@JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
		@JsonProperty("scope") String scope) {

}
