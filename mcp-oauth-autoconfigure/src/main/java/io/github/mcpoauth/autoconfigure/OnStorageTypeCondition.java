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
