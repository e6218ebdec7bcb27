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

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only permissions where the file system has POSIX permissions: directories 0700,
 * files 0600. Elsewhere (Windows) files inherit the ACL of the user's profile directory and
 * these attributes are left out.
 */
final class FilePermissions {

	static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

	private FilePermissions() {
	}

	static boolean isPosix() {
		return POSIX;
	}

	static FileAttribute<?>[] ownerOnlyDirectory() {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY) } : NONE;
	}

	static FileAttribute<?>[] ownerOnlyFile() {
		return POSIX ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE) } : NONE;
	}

	/**
	 * @param path a file or directory
	 * @return whether group or others have any access to it (always {@code false} without POSIX)
	 * @throws IOException when the permissions cannot be read
	 */
	static boolean isAccessibleByOthers(Path path) throws IOException {
		if (!POSIX) {
			return false;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
		return permissions.stream().anyMatch((permission) -> permission.name().startsWith("GROUP_")
				|| permission.name().startsWith("OTHERS_"));
	}

	/**
	 * Sets owner-only permissions: the umask may have narrowed what creation asked for, but
	 * never widened it; this makes the result exact.
	 * @param path the file
	 * @param directory whether it is a directory
	 * @throws IOException on failure
	 */
	static void restrict(Path path, boolean directory) throws IOException {
		if (POSIX) {
			Files.setPosixFilePermissions(path, directory ? OWNER_ONLY_DIRECTORY : OWNER_ONLY_FILE);
		}
	}

}
