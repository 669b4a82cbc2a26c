import type { CaseChange, LiveEvents } from "../../ports/live-events";

/** Live events within one process: every subscriber hears every committed change. */
export function createInProcessLiveEvents(): LiveEvents {
  const listeners = new Set<(change: CaseChange) => void>();
  return {
    publish(change) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // One broken screen does not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
