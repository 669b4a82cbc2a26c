import { onCleanup } from "solid-js";

/** How often an open case page asks for news while it is on screen. */
export const REFRESH_EVERY_MS = 15_000;

/**
 * Calls `refresh` every interval while the page is visible, and at once when the resident comes
 * back to it (tab shown again, window focused), so staff updates appear without a reload.
 * Stops with the owning component.
 */
export function autoRefresh(refresh: () => Promise<unknown>, everyMs = REFRESH_EVERY_MS): void {
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
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("focus", onFocus);
  });
}
