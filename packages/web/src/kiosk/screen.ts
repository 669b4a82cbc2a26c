import { createSignal } from "solid-js";

/** Where the kiosk is in a visit; each screen's root carries it as `data-screen`. */
export type Screen =
  "boot" | "activate" | "attract" | "identify" | "code" | "idcard" | "service" | "consent" | "waiting" | "call" | "done";

const [screen, setScreen] = createSignal<Screen>("boot");
export { screen, setScreen };
