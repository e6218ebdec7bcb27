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
