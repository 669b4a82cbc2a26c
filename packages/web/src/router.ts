import { createSignal } from "solid-js";

export type Route = "report" | "track";

const routeOf = (pathname: string): Route => (pathname.replace(/\/+$/, "") === "/track" ? "track" : "report");
export const pathOf = (route: Route): string => (route === "track" ? "/track" : "/");

const [route, setRoute] = createSignal<Route>(routeOf(location.pathname));
export { route };

window.addEventListener("popstate", () => setRoute(routeOf(location.pathname)));

export function navigate(to: Route): void {
  if (to === route()) return;
  history.pushState(null, "", pathOf(to));
  setRoute(to);
  window.scrollTo(0, 0);
}
