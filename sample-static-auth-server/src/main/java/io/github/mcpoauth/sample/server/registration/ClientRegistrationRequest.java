package io.github.mcpoauth.sample.server.registration;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The client metadata of an RFC 7591 registration request, as far as this server reads
 * it; other metadata is ignored.
 *
 * @param redirectUris {@code redirect_uris}
 * @param tokenEndpointAuthMethod {@code token_endpoint_auth_method}
 * @param grantTypes {@code grant_types}
 * @param responseTypes {@code response_types}
 * @param clientName {@code client_name}
 * @param scope {@code scope}, space-separated
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ClientRegistrationRequest(@JsonProperty("redirect_uris") @Nullable List<String> redirectUris,
		@JsonProperty("token_endpoint_auth_method") @Nullable String tokenEndpointAuthMethod,
		@JsonProperty("grant_types") @Nullable List<String> grantTypes,
		@JsonProperty("response_types") @Nullable List<String> responseTypes,
		@JsonProperty("client_name") @Nullable String clientName, @JsonProperty("scope") @Nullable String scope) {

}
