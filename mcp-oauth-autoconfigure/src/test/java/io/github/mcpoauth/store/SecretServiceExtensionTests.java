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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The Secret Service tests never skip silently under CI.
 */
class SecretServiceExtensionTests {

	@Test
	void requireComponentWhenMissingUnderCiThenFailsNamingThePackages() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> SecretServiceExtension.requireComponent(false, "gnome-keyring-daemon is not on the PATH",
					Map.of("CI", "true")::get))
			.withMessageContaining("gnome-keyring-daemon is not on the PATH")
			.withMessageContaining("CI=true")
			.withMessageContaining("gnome-keyring libsecret-tools dbus dbus-x11");
	}

	@Test
	void requireComponentWhenMissingOutsideCiThenSkipsWithTheReason() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> SecretServiceExtension.requireComponent(false, "dbus-daemon is not on the PATH",
					Map.<String, String>of()::get))
			.withMessageContaining("dbus-daemon is not on the PATH");
	}

	@Test
	void requireComponentWhenPresentThenContinues() {
		assertThatNoException()
			.isThrownBy(() -> SecretServiceExtension.requireComponent(true, "unused", Map.of("CI", "true")::get));
	}

}
