import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";

/** Who a live message is for: a kiosk machine or an employee (all their open screens). */
export type Party = { kind: "kiosk"; id: string } | { kind: "staff"; id: string };

/**
 * Live messages to open kiosk screens and employees' consoles: in-process WebSockets on one Node
 * server; a Durable Object where the API runs on Workers. Sending to nobody is not an error: the
 * screen asks for the state again when it comes back.
 */
export interface KioskRelay {
  send(to: Party, message: ServerMessage): void;
  /** Whether the party has an open channel now. */
  isConnected(to: Party): boolean;
}

/** One open live connection, as any runtime's WebSocket can be wrapped. */
export interface LiveSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** The relay's side that live connections register with (the runtime's WebSocket server uses it). */
export interface LiveRegistry extends KioskRelay {
  add(party: Party, socket: LiveSocket): void;
  remove(socket: LiveSocket): void;
}
