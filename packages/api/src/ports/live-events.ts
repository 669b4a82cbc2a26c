/** A change of a case, as live screens (tracking pages, queues, dashboards) need to hear of it. */
export interface CaseChange {
  trackingNumber: string;
  governorateCode: string;
  status: string;
  updatedAt: string;
}

/**
 * Fan-out of committed changes to open screens: in-process on one Node server; a Durable Object or
 * a pub/sub service where the API runs on many machines.
 */
export interface LiveEvents {
  publish(change: CaseChange): void;
  subscribe(listener: (change: CaseChange) => void): () => void;
}
