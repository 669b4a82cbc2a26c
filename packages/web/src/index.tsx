import { render } from "solid-js/web";
import { App } from "./app";
import { startOutbox } from "./outbox/outbox";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
if (location.pathname === "/staff" || location.pathname.startsWith("/staff/")) {
  // The staff back office is its own chunk, fetched only here: the residents' app does not carry it.
  void import("./staff/main").then(({ mountStaff }) => mountStaff(root));
} else {
  render(() => <App />, root);
  // Reports kept on the phone go out on start, when the network returns, and on a timer.
  startOutbox();
}

// Installable, and opens with no network: the service worker keeps the app shell (public/sw.js).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.warn("service worker not registered", error));
  });
}
