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
