import { createSignal } from "solid-js";

/** The field app's pages: today's work, and one task (its id in the path, so a reload stays there). */
export type FieldRoute = { name: "today" } | { name: "task"; id: string };

function parse(pathname: string): FieldRoute {
  const match = /^\/field\/task\/([^/]+)\/?$/.exec(pathname);
  return match?.[1] ? { name: "task", id: decodeURIComponent(match[1]) } : { name: "today" };
}

export function fieldPath(route: FieldRoute): string {
  return route.name === "task" ? `/field/task/${encodeURIComponent(route.id)}` : "/field";
}

const [fieldRoute, setRoute] = createSignal<FieldRoute>(parse(location.pathname));
export { fieldRoute };

window.addEventListener("popstate", () => setRoute(parse(location.pathname)));

export function go(to: FieldRoute): void {
  const path = fieldPath(to);
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  setRoute(to);
  window.scrollTo(0, 0);
}

/** For <a> elements: plain clicks stay in the app, modified clicks open a tab as usual. */
export function linkTo(to: FieldRoute) {
  return (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    go(to);
  };
}
