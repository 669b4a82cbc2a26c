import { createEffect, onCleanup } from "solid-js";
import { staffSession } from "./session";

export interface CaseChange {
  trackingNumber: string;
  governorateCode: string;
  status: string;
  updatedAt: string;
}

const DEBOUNCE_MS = 300;

/**
 * Follows the staff member's branch over Server-Sent Events (/live) and calls `onChange` once per
 * burst of changes (debounced), so a screen refreshes within a second of a change made anywhere.
 * Administrators follow the branch of the page they look at (`branch`), others their own.
 */
export function followBranch(onChange: (changes: CaseChange[]) => void, branch?: () => string | undefined): void {
  if (typeof EventSource === "undefined") return;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: CaseChange[] = [];
  const stop = () => {
    source?.close();
    source = null;
    clearTimeout(timer);
  };
  createEffect(() => {
    const session = staffSession();
    const code = branch?.() ?? session?.me.governorateCode;
    stop();
    if (!session || !code) return;
    // EventSource cannot send headers: the session travels in the query, as /live expects.
    source = new EventSource(`/live?branch=${encodeURIComponent(code)}&access=${encodeURIComponent(session.token)}`);
    source.addEventListener("case", (event) => {
      try {
        pending.push(JSON.parse((event as MessageEvent<string>).data) as CaseChange);
      } catch {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        const changes = pending;
        pending = [];
        onChange(changes);
      }, DEBOUNCE_MS);
    });
  });
  onCleanup(stop);
}
