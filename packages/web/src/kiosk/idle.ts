import { createSignal } from "solid-js";

/**
 * Inactivity: after `idleSeconds` with no touch or key the kiosk asks "Are you still there?" for
 * `warnSeconds`, then `onExpire` resets it. Only counts while `active()` (not on the start screen,
 * not while talking to an employee).
 */
const [warningLeft, setWarningLeft] = createSignal<number | null>(null);
/** Seconds left on the question, or null when it is not showing. */
export { warningLeft };

let last = Date.now();
const touched = () => {
  last = Date.now();
  if (warningLeft() !== null) setWarningLeft(null);
};

export function markActive(): void {
  touched();
}

export function watchIdle(options: {
  idleSeconds: () => number;
  warnSeconds: () => number;
  active: () => boolean;
  onWarn: () => void;
  onExpire: () => void;
}): () => void {
  const events = ["pointerdown", "keydown", "touchstart", "input"] as const;
  for (const name of events) window.addEventListener(name, touched, { capture: true, passive: true });
  const timer = setInterval(() => {
    if (!options.active()) {
      last = Date.now();
      if (warningLeft() !== null) setWarningLeft(null);
      return;
    }
    const quiet = (Date.now() - last) / 1000;
    const idle = options.idleSeconds();
    if (quiet < idle) return;
    const left = Math.max(0, Math.ceil(idle + options.warnSeconds() - quiet));
    if (warningLeft() === null) options.onWarn();
    setWarningLeft(left);
    if (left === 0) {
      setWarningLeft(null);
      last = Date.now();
      options.onExpire();
    }
  }, 250);
  return () => {
    clearInterval(timer);
    for (const name of events) window.removeEventListener(name, touched, { capture: true });
  };
}
