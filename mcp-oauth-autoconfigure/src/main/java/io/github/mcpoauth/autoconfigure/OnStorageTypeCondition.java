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

package io.github.mcpoauth.autoconfigure;

import io.github.mcpoauth.store.TokenStoreSettings;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnStorageType}. A value that does not bind matches no
 * backend; binding {@link McpOAuthProperties} then fails the start with the valid values.
 */
class OnStorageTypeCondition extends SpringBootCondition {

	static final String PROPERTY = McpOAuthProperties.CONFIG_PREFIX + ".storage.type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		TokenStoreSettings.Type required = metadata.getAnnotations()
			.get(ConditionalOnStorageType.class)
			.getEnum("value", TokenStoreSettings.Type.class);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnStorageType.class,
				required.value());
		TokenStoreSettings.Type configured;
		try {
			configured = Binder.get(context.getEnvironment())
				.bind(PROPERTY, TokenStoreSettings.Type.class)
				.orElse(TokenStoreSettings.Type.AUTO);
		}
		catch (BindException ex) {
			return ConditionOutcome.noMatch(message.because(PROPERTY + " is not a storage type"));
		}
		return (configured == required) ? ConditionOutcome.match(message.because("storage type is " + configured.value()))
				: ConditionOutcome.noMatch(message.because("storage type is " + configured.value()));
	}

}
