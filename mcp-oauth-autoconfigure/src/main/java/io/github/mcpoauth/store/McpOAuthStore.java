package io.github.mcpoauth.store;

import io.github.mcpoauth.registration.ClientRegistrationStore;

/**
 * A backend that keeps both tokens ({@link TokenStore}, per server and principal) and
 * client registrations ({@link ClientRegistrationStore}, per server and issuer), as every
 * backend of this project does: memory, the encrypted file, the OS keychain and Vault.
 * {@link TokenStores} builds one from settings; one bean of this type serves both roles.
 */
public interface McpOAuthStore extends TokenStore, ClientRegistrationStore {

}
