import { render } from "solid-js/web";
import { StaffApp } from "./staff-app";
import "./staff.css";

/** The staff back office's entry, loaded on demand for /staff paths only. */
export function mountStaff(root: HTMLElement): void {
  render(() => <StaffApp />, root);
}
