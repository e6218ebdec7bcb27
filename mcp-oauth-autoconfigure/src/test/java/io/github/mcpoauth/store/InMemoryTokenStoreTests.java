package io.github.mcpoauth.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryTokenStoreTests extends TokenStoreContractTests {

	@Override
	McpOAuthStore createStore() {
		return new InMemoryTokenStore(TestTokens.CLOCK);
	}

	@Test
	void backendNameIsMemory() {
		assertThat(createStore().backendName()).isEqualTo("memory");
	}

}
