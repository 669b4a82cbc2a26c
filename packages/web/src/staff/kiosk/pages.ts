/** The kiosk section's entry: the staff app loads it as its own chunk on first use. */
export { KioskConsoleView } from "./kiosk-console-view";
export { KioskAdmin } from "./kiosk-admin";
