import { render } from "solid-js/web";
import { KioskApp } from "./kiosk-app";
import { boot } from "./session";
import "./kiosk.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from kiosk.html");
render(() => <KioskApp />, root);
void boot();
