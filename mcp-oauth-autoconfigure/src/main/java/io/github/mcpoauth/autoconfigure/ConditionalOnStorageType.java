package io.github.mcpoauth.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.mcpoauth.store.TokenStoreSettings;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code mcp.oauth.storage.type} is the given backend ({@code auto} when it is
 * not set). The value is bound as Spring Boot binds the property itself, so every spelling
 * the property accepts matches ({@code encrypted-file}, {@code ENCRYPTED_FILE} ...), which a
 * string comparison such as {@code @ConditionalOnProperty(havingValue = ...)} would not.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnStorageTypeCondition.class)
@interface ConditionalOnStorageType {

	/**
	 * @return the backend that must be configured
	 */
	TokenStoreSettings.Type value();

}
