import type { AppRouter } from "@baladiya/api/trpc/router";
import { createTRPCClient, httpLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POINTS } from "../helpers/points";
import { staffSession } from "../helpers/system";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// `/live` on workerd: the worker forwards each stream to the kiosk hub Durable Object, and a change
// committed by a tRPC request in the worker is published to the hub, which tells the streams.
let w: WorkerSystem;
beforeAll(async () => {
  w = await startWorkerSystem();
});
afterAll(async () => {
  await w?.close();
});

const trpc = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${w.url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });

/** An open `/live` stream that keeps the events it hears. */
async function stream(query: string) {
  const controller = new AbortController();
  const res = await fetch(`${w.url}/live?${query}`, { signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const events: { event: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  const reader = res.body!.getReader();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) events.push({ event, data });
        for (const w of waiters.splice(0)) w();
      }
    }
  })();
  const until = async (test: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`no such event in time; heard ${JSON.stringify(events)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  await until(() => events.some((e) => e.event === "ready"));
  const changes = () =>
    events.filter((e) => e.event === "case").map((e) => JSON.parse(e.data) as { trackingNumber: string; status: string });
  return { changes, until, close: () => controller.abort() };
}

describe("live case changes through the kiosk hub (Durable Object) on workerd", () => {
  it("tells a case's tracking page and its branch's staff screen of a status change made through tRPC, and no one else", async () => {
    const officer = await staffSession(w.sys, {
      governorateCode: "KW-HA",
      departmentKind: "cleanliness",
      specialties: ["GARBAGE"],
    });
    const supervisor = await staffSession(w.sys, { governorateCode: "KW-HA", role: "supervisor" });
    const submit = async () => {
      const r = await trpc().cases.submit.mutate({
        serviceCode: "GARBAGE",
        location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
        description: "حاوية ممتلئة منذ ثلاثة أيام",
        duplicatePolicy: "create",
      });
      if (r.outcome !== "created") throw new Error("expected a new case");
      return r.trackingNumber;
    };
    const watched = await submit();
    const unwatched = await submit();

    const page = await stream(`case=${watched}`);
    const otherPage = await stream(`case=${unwatched}`);
    const branch = await stream(`branch=KW-HA&access=${encodeURIComponent(supervisor.token)}`);

    const acted = await trpc(officer.token).staff.act.mutate({ trackingNumber: watched, action: "start", note: "في الطريق" });
    expect(acted.status).toBe("in_progress");

    await page.until(() => page.changes().some((c) => c.status === "in_progress"));
    expect(page.changes().at(-1)).toMatchObject({ trackingNumber: watched, status: "in_progress" });
    await branch.until(() => branch.changes().some((c) => c.trackingNumber === watched && c.status === "in_progress"));
    expect(otherPage.changes().filter((c) => c.trackingNumber === watched)).toEqual([]);
    expect(page.changes().every((c) => c.trackingNumber === watched)).toBe(true);

    // Another branch's staff may not follow Hawalli; nobody may follow without a subject.
    const elsewhere = await staffSession(w.sys, { governorateCode: "KW-JA", role: "supervisor" });
    expect((await fetch(`${w.url}/live?branch=KW-HA&access=${encodeURIComponent(elsewhere.token)}`)).status).toBe(404);
    expect((await fetch(`${w.url}/live`)).status).toBe(400);
    for (const s of [page, otherPage, branch]) s.close();
  });
});
