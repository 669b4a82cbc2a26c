import type { ServerMessage } from "@baladiya/shared/kiosk-protocol";
import type { LiveRegistry, LiveSocket, Party } from "../../ports/kiosk-relay";

const keyOf = (party: Party) => `${party.kind}:${party.id}`;

/** Live connections of one server process, by party; a kiosk or an employee may have several screens. */
export class InProcessKioskRelay implements LiveRegistry {
  private readonly byParty = new Map<string, Set<LiveSocket>>();
  private readonly bySocket = new Map<LiveSocket, string>();

  add(party: Party, socket: LiveSocket): void {
    const key = keyOf(party);
    let set = this.byParty.get(key);
    if (!set) this.byParty.set(key, (set = new Set()));
    set.add(socket);
    this.bySocket.set(socket, key);
  }

  remove(socket: LiveSocket): void {
    const key = this.bySocket.get(socket);
    if (!key) return;
    this.bySocket.delete(socket);
    const set = this.byParty.get(key);
    set?.delete(socket);
    if (set?.size === 0) this.byParty.delete(key);
  }

  send(to: Party, message: ServerMessage): void {
    const sockets = this.byParty.get(keyOf(to));
    if (!sockets) return;
    const text = JSON.stringify(message);
    for (const socket of sockets) {
      try {
        socket.send(text);
      } catch {
        // A socket closing as we speak: its close handler removes it.
      }
    }
  }

  isConnected(to: Party): boolean {
    return (this.byParty.get(keyOf(to))?.size ?? 0) > 0;
  }

  /** Closes every connection of a party (tests use it to simulate a dropped network). */
  drop(party: Party): number {
    const sockets = [...(this.byParty.get(keyOf(party)) ?? [])];
    for (const socket of sockets) socket.close(4000, "dropped");
    return sockets.length;
  }
}
