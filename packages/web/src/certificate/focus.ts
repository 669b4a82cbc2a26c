import { onMount } from "solid-js";

/** The address the document was loaded at: a page shown there was not reached by an in-app move. */
const loadedAt = (): string | null => {
  const entry = performance.getEntriesByType("navigation")[0];
  return entry ? entry.name : null;
};

/**
 * The app moves the focus to a new page's heading as the route changes; a page of this lazily
 * loaded section may not exist yet at that moment, so after an in-app move it takes the focus
 * itself (as the app does, not on the page the document was loaded at).
 */
export function focusHeadingOnMount(id: string): void {
  onMount(() => {
    if (loadedAt() === location.href) return;
    const active = document.activeElement;
    if (active && active !== document.body && !active.closest("nav")) return;
    const heading = document.getElementById(id);
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  });
}
