import { createSignal } from "solid-js";

/** The staff app's pages under /staff; filters travel in the address so a page can be shared or reloaded. */
export type StaffRoute =
  | { name: "inbox"; search: URLSearchParams }
  | { name: "case"; trackingNumber: string }
  | { name: "dashboard"; search: URLSearchParams }
  | { name: "admin" }
  | { name: "certificates"; search: URLSearchParams }
  | { name: "certificate"; number: string }
  | { name: "certificateNew" }
  | { name: "field" }
  | { name: "violation"; number: string }
  | { name: "kiosk" };

export type StaffRouteName = StaffRoute["name"];

const NUMBER = /^[A-Za-z]{2}-\d{4}-\d{6,}$/;
const APPLICATION_NUMBER = /^PD-[A-Za-z]{2}-\d{4}-\d{6}$/i;
const VIOLATION_NUMBER = /^VL-[A-Za-z]{2}-\d{4}-\d{6}$/i;

function parse(pathname: string, search: string): StaffRoute {
  const [, second, third, fourth] = pathname
    .split("/")
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  switch (second) {
    case "cases":
      return third && NUMBER.test(third)
        ? { name: "case", trackingNumber: third.toUpperCase() }
        : { name: "inbox", search: new URLSearchParams() };
    case "dashboard":
      return { name: "dashboard", search: new URLSearchParams(search) };
    case "admin":
      return { name: "admin" };
    case "certificates":
      if (third === "new") return { name: "certificateNew" };
      return third && APPLICATION_NUMBER.test(third)
        ? { name: "certificate", number: third.toUpperCase() }
        : { name: "certificates", search: new URLSearchParams(search) };
    case "field":
      return third === "violation" && fourth && VIOLATION_NUMBER.test(fourth)
        ? { name: "violation", number: fourth.toUpperCase() }
        : { name: "field" };
    case "kiosk":
      return { name: "kiosk" };
    default:
      return { name: "inbox", search: new URLSearchParams(search) };
  }
}

export function staffPath(route: StaffRoute): string {
  switch (route.name) {
    case "inbox": {
      const query = route.search.toString();
      return query ? `/staff?${query}` : "/staff";
    }
    case "case":
      return `/staff/cases/${route.trackingNumber}`;
    case "dashboard": {
      const query = route.search.toString();
      return query ? `/staff/dashboard?${query}` : "/staff/dashboard";
    }
    case "admin":
      return "/staff/admin";
    case "certificates": {
      const query = route.search.toString();
      return query ? `/staff/certificates?${query}` : "/staff/certificates";
    }
    case "certificate":
      return `/staff/certificates/${route.number}`;
    case "certificateNew":
      return "/staff/certificates/new";
    case "field":
      return "/staff/field";
    case "violation":
      return `/staff/field/violation/${route.number}`;
    case "kiosk":
      return "/staff/kiosk";
  }
}

const [staffRoute, setRoute] = createSignal<StaffRoute>(parse(location.pathname, location.search));
export { staffRoute };

window.addEventListener("popstate", () => {
  if (location.pathname.startsWith("/staff")) setRoute(parse(location.pathname, location.search));
});

export function go(to: StaffRoute, options: { replace?: boolean } = {}): void {
  const path = staffPath(to);
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  const changedPage = to.name !== staffRoute().name;
  setRoute(to);
  if (changedPage) window.scrollTo(0, 0);
}

/** For <a> elements: plain clicks stay in the app, modified clicks open a tab as usual. */
export function linkTo(to: StaffRoute) {
  return (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    go(to);
  };
}
