package dev.mailvault.core.access;

import dev.mailvault.core.mail.Flags;

/**
 * The flags of one message after a change, with the MODSEQ that change got.
 *
 * @param uid the UID
 * @param flags the flags now
 * @param modseq the message's MODSEQ now
 */
public record MessageFlags(long uid, Flags flags, long modseq) {}
