package dev.mailvault.core.access;

/** The THREAD algorithms (RFC 5256 §3). */
public enum ThreadAlgorithm {
  /** Messages with the same base subject under the oldest of them. */
  ORDEREDSUBJECT,
  /** Parents and children by Message-ID, References and In-Reply-To, then by base subject. */
  REFERENCES
}
