package dev.mailvault.directory;

import java.time.Instant;

/** An admin as listed: name, whether two-factor enrolment is done, recovery codes left, created. */
public record AdminInfo(String name, boolean enrolled, int recoveryCodesLeft, Instant created) {}
