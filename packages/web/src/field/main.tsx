import { render } from "solid-js/web";
import { FieldApp } from "./field-app";
import { watchPosition } from "./position";
import { startSync } from "./sync";
import "../styles.css";
import "./field.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from field.html");
render(() => <FieldApp />, root);
// Where the inspector stands orders the day and goes with every photo; what waits goes out on start,
// when the network returns and every 30 s.
watchPosition();
startSync();

// Opens with no network: the service worker keeps this page and its assets (public/sw.js).
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.warn("service worker not registered", error));
  });
}
