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
