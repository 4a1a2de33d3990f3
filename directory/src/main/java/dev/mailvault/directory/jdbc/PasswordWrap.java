package dev.mailvault.directory.jdbc;

import dev.mailvault.core.crypto.Argon2Params;

/** How an alias's data key is stored: wrapped under Argon2id(password, salt, params). */
record PasswordWrap(byte[] salt, Argon2Params params, byte[] wrappedDataKey) {}
