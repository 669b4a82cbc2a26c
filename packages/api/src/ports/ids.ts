export interface Ids {
  /** A time-ordered UUIDv7, safe to generate on any replica. */
  uuid(): string;
  /** A URL-safe random secret of the given number of bytes. */
  secret(bytes?: number): string;
}
