export interface TokenIssuer {
  /**
   * The reporter's secret follow-up token for a subject: derived from a server key, so it can be
   * given again on an idempotent retry without ever being stored.
   */
  tokenFor(subjectId: string): Promise<string>;
}
