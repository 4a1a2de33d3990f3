package dev.mailvault.core.access;

/**
 * Where an appended message landed: what UIDPLUS APPENDUID reports (RFC 4315 §3).
 *
 * @param uidValidity the folder's UIDVALIDITY
 * @param uid the new message's UID
 * @param modseq the message's MODSEQ
 */
public record AppendResult(long uidValidity, long uid, long modseq) {}
