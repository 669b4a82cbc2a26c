import { createSignal } from "solid-js";

/** The citizen app's pages; a tracking number in the path lets a page be reloaded or shared. */
export type Route =
  | { name: "report" }
  | { name: "track"; trackingNumber: string | null }
  | { name: "mine" }
  | { name: "account" }
  | { name: "reports"; search: URLSearchParams }
  | { name: "case"; trackingNumber: string }
  | { name: "certificates" }
  | { name: "certificate-apply" }
  | { name: "certificate-track"; number: string | null; token: string | null }
  | { name: "verify"; number: string };

export type RouteName = Route["name"];

const NUMBER = /^[A-Za-z]{2}-\d{4}-\d{6,}$/;

function parse(pathname: string, search: string): Route {
  const parts = pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [head, second] = parts;
  const number = second && NUMBER.test(second) ? second.toUpperCase() : null;
  const APPLICATION = /^PD-[A-Za-z]{2}-\d{4}-\d{6}$/;
  const CERTIFICATE = /^DC-[A-Za-z]{2}-\d{4}-\d{6}$/;
  switch (head) {
    case "certificates":
      if (second === "apply") return { name: "certificate-apply" };
      if (second === "track") {
        const third = parts[2];
        return {
          name: "certificate-track",
          number: third && APPLICATION.test(third) ? third.toUpperCase() : null,
          token: new URLSearchParams(search).get("token"),
        };
      }
      return { name: "certificates" };
    case "verify":
      if (second && CERTIFICATE.test(second)) return { name: "verify", number: second.toUpperCase() };
      return { name: "certificates" };
    case "track":
      return { name: "track", trackingNumber: number };
    case "mine":
      return { name: "mine" };
    case "account":
      return { name: "account" };
    case "reports":
      return number ? { name: "case", trackingNumber: number } : { name: "reports", search: new URLSearchParams(search) };
    default:
      return { name: "report" };
  }
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case "report":
      return "/";
    case "track":
      return route.trackingNumber ? `/track/${route.trackingNumber}` : "/track";
    case "mine":
      return "/mine";
    case "account":
      return "/account";
    case "reports": {
      const query = route.search.toString();
      return query ? `/reports?${query}` : "/reports";
    }
    case "case":
      return `/reports/${route.trackingNumber}`;
    case "certificates":
      return "/certificates";
    case "certificate-apply":
      return "/certificates/apply";
    case "certificate-track":
      return route.number
        ? `/certificates/track/${route.number}${route.token ? `?token=${encodeURIComponent(route.token)}` : ""}`
        : "/certificates/track";
    case "verify":
      return `/verify/${route.number}`;
  }
}

const [route, setRoute] = createSignal<Route>(parse(location.pathname, location.search));
export { route };

window.addEventListener("popstate", () => setRoute(parse(location.pathname, location.search)));

/** Goes to a page; `replace` changes the address without a new history entry (filters, lookups). */
export function navigate(to: Route, options: { replace?: boolean } = {}): void {
  const path = pathOf(to);
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  const changedPage = to.name !== route().name;
  setRoute(to);
  if (changedPage) window.scrollTo(0, 0);
}

/** For <a> elements: plain clicks stay in the app, modified clicks open a tab as usual. */
export function linkHandler(to: Route) {
  return (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
}
