import type { AppRouter } from "@baladiya/api/trpc/router";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../helpers/db";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { staffWithCredentials, totpNow } from "../helpers/system";

let t: TestServer;
const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${t.url}/trpc`,
        methodOverride: "POST",
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });
const codeOf = (e: unknown) => (e instanceof TRPCClientError ? (e.data as { domainCode?: string }).domainCode : String(e));
const issueOf = (e: unknown) =>
  e instanceof TRPCClientError ? (e.data as { issues?: { code?: string }[] }).issues?.[0]?.code : undefined;

type Account = Awaited<ReturnType<typeof staffWithCredentials>>;
let supervisor: Account;
let officer: Account;
let stranger: Account;

async function signIn(a: Account, stepOffset = 0) {
  const code = await totpNow(a.totpSecret, t.clock.now(), stepOffset);
  return client().staff.signIn.mutate({ email: a.email, password: a.password, code });
}

async function report(description: string, shift: number) {
  const r = await client().cases.submit.mutate({
    serviceCode: "GARBAGE",
    location: { lat: POINTS.salmiya.lat + shift, lng: POINTS.salmiya.lng },
    description,
    reporter: { phone: "51234567" },
    duplicatePolicy: "create",
  });
  if (r.outcome !== "created") throw new Error("not created");
  return r;
}

beforeAll(async () => {
  t = await startTestServer();
  supervisor = await staffWithCredentials(t, { governorateCode: "KW-HA", role: "supervisor" });
  officer = await staffWithCredentials(t, { governorateCode: "KW-HA", departmentKind: "cleanliness", specialties: ["GARBAGE"] });
  stranger = await staffWithCredentials(t, { governorateCode: "KW-JA", departmentKind: "cleanliness", specialties: ["GARBAGE"] });
});
afterAll(async () => {
  await t.close();
});

describe("staff sign-in with password and authenticator code", () => {
  it("signs in, refuses a reused code, and knows who is signed in", async () => {
    const session = await signIn(officer);
    expect(session.me).toMatchObject({
      email: officer.email,
      role: "department_officer",
      governorateCode: "KW-HA",
      specialties: ["GARBAGE"],
    });
    expect(session.me.department?.kind).toBe("cleanliness");
    expect((await client(session.sessionToken).staff.me.query()).id).toBe(officer.staffId);
    // The same code again (a replay) is refused even with the right password.
    await expect(signIn(officer)).rejects.toSatisfy((e) => codeOf(e) === "UNAUTHENTICATED");
    await client(session.sessionToken).staff.signOut.mutate();
    await expect(client(session.sessionToken).staff.me.query()).rejects.toSatisfy((e) => codeOf(e) === "UNAUTHENTICATED");
  });

  it("locks an account after five wrong tries, until an administrator lifts it", async () => {
    const victim = await staffWithCredentials(t, { governorateCode: "KW-HA" });
    const admin = await staffWithCredentials(t, { governorateCode: "KW-KU", role: "administrator" });
    for (let i = 0; i < 5; i++) {
      await expect(
        client().staff.signIn.mutate({ email: victim.email, password: "wrong password!", code: "000000" }),
      ).rejects.toSatisfy((e) => issueOf(e) === "wrong_credentials");
    }
    t.clock.advance(60_000);
    await expect(signIn(victim)).rejects.toSatisfy(
      (e) => issueOf(e) === "locked" && Number((e as TRPCClientError<AppRouter>).data?.retryAfterSeconds) > 0,
    );
    const adminSession = await signIn(admin);
    const list = await client(adminSession.sessionToken).staff.admin.list.query();
    expect(list.find((s) => s.id === victim.staffId)?.lockedUntil).not.toBeNull();
    await client(adminSession.sessionToken).staff.admin.unlock.mutate({ staffId: victim.staffId });
    t.clock.advance(60_000);
    expect((await signIn(victim)).me.id).toBe(victim.staffId);
    // An officer may not manage accounts.
    t.clock.advance(60_000);
    const officerSession = await signIn(officer);
    await expect(client(officerSession.sessionToken).staff.admin.list.query()).rejects.toSatisfy(
      (e) => codeOf(e) === "FORBIDDEN",
    );
  });
});

describe("password guessing from one address", () => {
  it("is slowed down per address before any account locks", async () => {
    const tight = await startTestServer({ rateLimits: { staffSignInsPerAddressPerMinute: 3 } });
    try {
      const tryOnce = () =>
        fetch(`${tight.url}/trpc/staff.signIn`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "guess@baladia.gov.kw", password: "not the password", code: "123456" }),
        });
      for (let i = 0; i < 3; i++) expect((await tryOnce()).status).toBe(401);
      const refused = await tryOnce();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      // The wait is in the error data too, where the staff app reads it to tell the minutes.
      const body = (await refused.json()) as { error: { data: { domainCode: string; retryAfterSeconds: number } } };
      expect(body.error.data).toMatchObject({
        domainCode: "RATE_LIMITED",
        retryAfterSeconds: Number(refused.headers.get("retry-after")),
      });
    } finally {
      await tight.close();
    }
  });
});

describe("queues and case work", () => {
  it("shows the branch's queue by response target, assigns in bulk, keeps internal notes internal", async () => {
    t.clock.advance(60_000);
    const sup = client((await signIn(supervisor)).sessionToken);
    t.clock.advance(60_000);
    const off = client((await signIn(officer)).sessionToken);
    t.clock.advance(60_000);
    const far = client((await signIn(stranger)).sessionToken);
    const a = await report("أولى", 0.001);
    const b = await report("ثانية", 0.002);

    const queue = await sup.staff.inbox.query({ scope: "branch", status: "open", sort: "due" });
    const numbers = queue.items.map((i) => i.trackingNumber);
    expect(numbers).toEqual(expect.arrayContaining([a.trackingNumber, b.trackingNumber]));
    const dues = queue.items.map((i) => i.dueAt);
    expect([...dues].sort()).toEqual(dues);
    expect(queue.counts.open).toBeGreaterThanOrEqual(2);
    // Another branch sees neither, and cannot open them.
    expect((await far.staff.inbox.query({ scope: "branch" })).items.map((i) => i.trackingNumber)).not.toContain(a.trackingNumber);
    await expect(far.staff.case.query({ trackingNumber: a.trackingNumber })).rejects.toSatisfy((e) => codeOf(e) === "NOT_FOUND");

    // Only supervisors assign others; in bulk, all or nothing.
    await expect(
      off.staff.bulkAssign.mutate({ trackingNumbers: [a.trackingNumber], assigneeId: officer.staffId }),
    ).rejects.toSatisfy((e) => codeOf(e) === "FORBIDDEN");
    const before = await countRows(t);
    await expect(
      sup.staff.bulkAssign.mutate({ trackingNumbers: [a.trackingNumber, b.trackingNumber], assigneeId: stranger.staffId }),
    ).rejects.toSatisfy((e) => codeOf(e) === "VALIDATION");
    expect(await countRows(t)).toEqual(before);
    expect(
      await sup.staff.bulkAssign.mutate({ trackingNumbers: [a.trackingNumber, b.trackingNumber], assigneeId: officer.staffId }),
    ).toEqual({
      assigned: 2,
    });
    const mine = await off.staff.inbox.query({ scope: "mine" });
    expect(mine.items.map((i) => i.trackingNumber)).toEqual(expect.arrayContaining([a.trackingNumber, b.trackingNumber]));
    expect(mine.items.find((i) => i.trackingNumber === a.trackingNumber)?.assignee?.id).toBe(officer.staffId);

    const view = await off.staff.act.mutate({
      trackingNumber: a.trackingNumber,
      action: "internal_note",
      note: "المالك يرفض الدخول",
    });
    expect(view.timeline.at(-1)).toMatchObject({ internal: true, note: "المالك يرفض الدخول" });
    expect(view.timeline.at(-1)?.by?.en).toMatch(/^Staff/);
    expect(view.reporter.phone).toBe("51234567");
    const publicView = await client().cases.get.query({ trackingNumber: a.trackingNumber });
    expect(JSON.stringify(publicView)).not.toContain("المالك يرفض الدخول");
    const asked = await off.staff.act.mutate({
      trackingNumber: a.trackingNumber,
      action: "request_info",
      note: "أين بالضبط؟",
      expectedUpdatedAt: view.updatedAt,
    });
    expect(asked.timeline.at(-1)).toMatchObject({ internal: false, note: "أين بالضبط؟" });
    expect(asked.allowedActions).toContain("resolve_fixed");
    expect(asked.allowedActions).not.toContain("reopen");
    const colleagues = await sup.staff.colleagues.query();
    expect(colleagues.map((c) => c.id)).toEqual(expect.arrayContaining([officer.staffId, supervisor.staffId]));
    expect(colleagues.map((c) => c.id)).not.toContain(stranger.staffId);
    const unassignedCase = await report("بلا موظف", 0.005);
    await sup.staff.act.mutate({ trackingNumber: unassignedCase.trackingNumber, action: "assign", assigneeId: officer.staffId });
    const department = mine.items[0]?.department;
    expect(department?.en).toContain("Cleanliness");
    const cleanliness = await sup.staff.inbox.query({ scope: "branch", departmentId: "KW-HA.cleanliness" });
    expect(cleanliness.items.every((i) => i.department.en === department?.en)).toBe(true);
    const unassigned = await sup.staff.inbox.query({ scope: "branch", unassigned: true });
    expect(unassigned.items.every((i) => i.assignee === null)).toBe(true);
    const templates = await off.staff.templates.query();
    expect(templates.length).toBeGreaterThan(3);
    expect(templates[0]?.text.ar.length).toBeGreaterThan(10);
  });
});

/** Reads Server-Sent Events from a stream until `until` is satisfied or the time runs out. */
async function readEvents(
  url: string,
  headers: Record<string, string>,
  act: () => Promise<unknown>,
  until: (events: { event: string; data: string }[]) => boolean,
) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: string }[] = [];
  let buffer = "";
  let acted = false;
  const deadline = Date.now() + 5_000;
  try {
    while (Date.now() < deadline && !until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
        events.push({ event, data });
        if (event === "ready" && !acted) {
          acted = true;
          void act();
        }
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

describe("the dashboard as a spreadsheet", () => {
  it("exports CSV for supervisors, not for officers or strangers", async () => {
    t.clock.advance(60_000);
    const sup = await signIn(supervisor);
    const res = await fetch(`${t.url}/staff/dashboard.csv?level=department`, {
      headers: { authorization: `Bearer ${sup.sessionToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="baladiya-department-/);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toContain("open_load,overdue");
    expect(text).toContain("إدارة النظافة العامة");
    t.clock.advance(60_000);
    const off = await signIn(officer);
    expect((await fetch(`${t.url}/staff/dashboard.csv?level=branch&access=${off.sessionToken}`)).status).toBe(403);
    expect((await fetch(`${t.url}/staff/dashboard.csv?level=branch`)).status).toBe(401);
  });
});

describe("live updates", () => {
  it("tells a tracking page of its case's change, and a branch screen of its branch's, at once", async () => {
    t.clock.advance(60_000);
    const off = client((await signIn(officer)).sessionToken);
    const r = await report("للبث المباشر", 0.003);
    const started = Date.now();
    const caseEvents = await readEvents(
      `${t.url}/live?case=${r.trackingNumber}`,
      {},
      () => off.staff.act.mutate({ trackingNumber: r.trackingNumber, action: "start", note: "في الطريق" }),
      (events) => events.some((e) => e.event === "case"),
    );
    const change = JSON.parse(caseEvents.find((e) => e.event === "case")?.data ?? "{}") as {
      trackingNumber?: string;
      status?: string;
    };
    expect(change).toMatchObject({ trackingNumber: r.trackingNumber, status: "in_progress" });
    expect(Date.now() - started).toBeLessThan(5_000);

    t.clock.advance(60_000);
    const sup = await signIn(supervisor);
    const branchEvents = await readEvents(
      `${t.url}/live?branch=KW-HA&access=${sup.sessionToken}`,
      {},
      () => report("بلاغ جديد للفرع", 0.004),
      (events) => events.some((e) => e.event === "case"),
    );
    expect(branchEvents.some((e) => e.event === "case" && e.data.includes('"governorateCode":"KW-HA"'))).toBe(true);

    expect((await fetch(`${t.url}/live?branch=KW-HA`)).status).toBe(401);
    expect((await fetch(`${t.url}/live?branch=KW-JA&access=${sup.sessionToken}`)).status).toBe(404);
    expect((await fetch(`${t.url}/live?branch=all&access=${sup.sessionToken}`)).status).toBe(404);
    expect((await fetch(`${t.url}/live`)).status).toBe(400);
  });
});
