/** A bounded cache of read models; entries are keyed by what makes them current. */
export interface ViewCache {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
