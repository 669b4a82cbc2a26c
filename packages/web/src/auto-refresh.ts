import { createEffect, onCleanup } from "solid-js";

/** How often an open case page asks for news while it is on screen. */
export const REFRESH_EVERY_MS = 15_000;

/**
 * Calls `refresh` every interval while the page is visible, at once when the resident comes back
 * to it (tab shown again, window focused), and — when `liveCase` names a case — as soon as the
 * server announces a change of it (Server-Sent Events from /live), so staff updates appear within
 * a second without a reload. Stops with the owning component.
 */
export function autoRefresh(refresh: () => Promise<unknown>, everyMs = REFRESH_EVERY_MS, liveCase?: () => string | null): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && document.visibilityState === "visible") timer = setTimeout(() => void tick(), everyMs);
  };
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await refresh();
    } catch {
      // The next tick tries again; the page keeps showing what it last had.
    } finally {
      running = false;
      schedule();
    }
  };
  const onVisibility = () => (document.visibilityState === "visible" ? void tick() : clearTimeout(timer));
  const onFocus = () => void tick();

  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("focus", onFocus);
  schedule();

  let source: EventSource | null = null;
  let following: string | null = null;
  if (liveCase && typeof EventSource !== "undefined") {
    createEffect(() => {
      const number = liveCase();
      if (number === following) return;
      source?.close();
      following = number;
      source = number ? new EventSource(`/live?case=${encodeURIComponent(number)}`) : null;
      source?.addEventListener("case", () => void tick());
    });
  }
  onCleanup(() => {
    source?.close();
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("focus", onFocus);
  });
}
