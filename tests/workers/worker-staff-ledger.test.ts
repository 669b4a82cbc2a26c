import { verifyTreeHead } from "@baladiya/shared/ledger/checkpoint";
import { hexToBytes } from "@baladiya/shared/ledger/encoding";
import { verifyConsistency, verifyInclusion } from "@baladiya/shared/ledger/merkle";
import {
  auditLog,
  cases,
  certificateJobs,
  kioskDocuments,
  ledgerHeads,
  notificationDeliveries,
  outbox,
} from "@baladiya/api/db/schema";
import { getLedgerKey } from "@baladiya/api/domain/ledger/get-ledger-key";
import { rootAt } from "@baladiya/api/domain/ledger/tree-state";
import { verifyLedger } from "@baladiya/api/domain/ledger/verify-ledger";
import type { AppRouter } from "@baladiya/api/trpc/router";
import { createBaladiyaClient } from "@baladiya/sdk";
import { createTRPCClient, httpLink } from "@trpc/client";
import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applicationInput,
  certificateTeam,
  PDF_BYTES,
  PNG_BYTES,
  seedPlots,
  type CertificateTeam,
} from "../helpers/certificates";
import { POINTS } from "../helpers/points";
import { staffSession, staffWithCredentials, totpNow } from "../helpers/system";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// Staff work, the transparency ledger, certificates' and kiosks' files and the Cron Trigger on
// workerd. Accounts, keys and plots are made by the Node side in the shared database: a session,
// a sealed signing key or a file token made on one runtime works on the other.
let w: WorkerSystem;
let officer: Awaited<ReturnType<typeof staffWithCredentials>>;
let supervisor: Awaited<ReturnType<typeof staffSession>>;
let team: CertificateTeam;
beforeAll(async () => {
  w = await startWorkerSystem();
  officer = await staffWithCredentials(w.sys, {
    governorateCode: "KW-HA",
    departmentKind: "cleanliness",
    specialties: ["GARBAGE"],
  });
  supervisor = await staffSession(w.sys, { governorateCode: "KW-HA", role: "supervisor" });
  team = await certificateTeam(w.sys);
});
afterAll(async () => {
  await w?.close();
});

const trpc = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${w.url}/trpc`,
        methodOverride: "POST",
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

const logLines = () =>
  w.worker.logs().flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

let reported: { trackingNumber: string; token: string };

describe("staff on the worker", () => {
  it("signs an officer in with password and authenticator code and acts on a case of the branch", async () => {
    const r = await trpc().cases.submit.mutate({
      serviceCode: "GARBAGE",
      location: { lat: POINTS.salmiya.lat, lng: POINTS.salmiya.lng },
      description: "حاوية ممتلئة",
      reporter: { email: "resident@example.com" },
      duplicatePolicy: "create",
    });
    if (r.outcome !== "created") throw new Error("expected a new case");
    reported = r;
    const session = await trpc().staff.signIn.mutate({
      email: officer.email,
      password: officer.password,
      code: await totpNow(officer.totpSecret, new Date()),
    });
    expect(session.me.id).toBe(officer.staffId);
    // The tracking page's live stream, served by the kiosk hub, hears the change another request makes.
    const controller = new AbortController();
    const stream = await fetch(`${w.url}/live?case=${r.trackingNumber}`, { signal: controller.signal });
    const reader = stream.body!.getReader();
    let heard = "";
    while (!heard.includes("event: ready")) heard += new TextDecoder().decode((await reader.read()).value);
    const acted = await trpc(session.sessionToken).staff.act.mutate({
      trackingNumber: r.trackingNumber,
      action: "start",
      note: "في الطريق",
    });
    expect(acted.status).toBe("in_progress");
    while (!heard.includes("event: case")) heard += new TextDecoder().decode((await reader.read()).value);
    expect(heard).toContain(`"trackingNumber":"${r.trackingNumber}"`);
    expect(heard).toContain(`"status":"in_progress"`);
    controller.abort();
    const [row] = await w.sys.deps.store.read((db) => db.select().from(cases).where(eq(cases.trackingNumber, r.trackingNumber)));
    expect(row!.status).toBe("in_progress");
    const audit = await w.sys.deps.store.read((db) => db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id)));
    expect(audit.map((a) => a.actorId)).toContain(officer.staffId);
  });

  it("gives a supervisor the dashboard as CSV and refuses it without a session", async () => {
    const res = await fetch(`${w.url}/staff/dashboard.csv?level=department`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect((await res.text()).split("\n").length).toBeGreaterThan(1);
    expect((await fetch(`${w.url}/staff/dashboard.csv?level=department`)).status).toBe(401);
  });
});

describe("the Cron Trigger and the ledger on the worker", () => {
  it("delivers the outbox and signs a tree head on one tick; the ledger written over HTTP audits clean", async () => {
    const heads = async () => (await w.sys.deps.store.read((db) => db.select().from(ledgerHeads))).length;
    const headsBefore = await heads();
    const outcome = await w.worker.scheduled();
    expect(outcome.outcome).toBe("ok");

    // The report's e-mail went out through the worker's sender (the log adapter) and is recorded.
    const [caseRow] = await w.sys.deps.store.read((db) =>
      db.select().from(cases).where(eq(cases.trackingNumber, reported.trackingNumber)),
    );
    const sent = await w.sys.deps.store.read((db) =>
      db
        .select()
        .from(notificationDeliveries)
        .where(and(eq(notificationDeliveries.caseId, caseRow!.id), eq(notificationDeliveries.channel, "email"))),
    );
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((d) => d.status === "sent")).toBe(true);
    expect(logLines().some((l) => l.message === "email" && l.to === "resident@example.com")).toBe(true);
    const unprocessed = await w.sys.deps.store.read((db) => db.select().from(outbox).where(isNull(outbox.processedAt)));
    expect(unprocessed).toEqual([]);

    // A new head, signed with the key the Node side holds, proving a leaf written by the worker.
    expect(await heads()).toBe(headsBefore + 1);
    const key = (await (await fetch(`${w.url}/ledger/key`)).json()) as { vkey: string };
    expect(key.vkey).toBe(getLedgerKey({ ctx: w.sys.system }).vkey);
    const checked = verifyTreeHead(await (await fetch(`${w.url}/ledger/checkpoint`)).text(), key.vkey);
    if (!checked.ok) throw new Error(checked.reason);
    const size = checked.checkpoint.size;
    const seq = size - 1;
    const proof = (await (await fetch(`${w.url}/ledger/proof/inclusion?seq=${seq}&size=${size}`)).json()) as {
      leafHash: string;
      proof: string[];
    };
    expect(
      verifyInclusion({
        leafHash: hexToBytes(proof.leafHash),
        index: seq,
        size,
        proof: proof.proof.map(hexToBytes),
        root: checked.checkpoint.root,
      }),
    ).toBe(true);
    const head = (await (await fetch(`${w.url}/ledger/head`)).json()) as { size: number; root: string };
    expect(head.size).toBe(size);
    // The worker's consistency proof joins a smaller tree, its root computed by the Node side, to the head.
    const size1 = Math.max(1, Math.floor(size / 2));
    const root1 = await w.sys.deps.store.read((db) => rootAt(db, size1));
    const consistency = (await (await fetch(`${w.url}/ledger/proof/consistency?from=${size1}&to=${size}`)).json()) as {
      proof: string[];
    };
    expect(
      verifyConsistency({ size1, size2: size, proof: consistency.proof.map(hexToBytes), root1, root2: checked.checkpoint.root }),
    ).toBe(true);
    const audit = await verifyLedger({ ctx: w.sys.system });
    expect(audit.problems).toEqual([]);
    expect(audit.size).toBe(size);

    // Nothing grew: the next tick signs nothing.
    await w.worker.scheduled();
    expect(await heads()).toBe(headsBefore + 1);
    const [latest] = await w.sys.deps.store.read((db) => db.select().from(ledgerHeads).orderBy(desc(ledgerHeads.size)).limit(1));
    expect(latest!.size).toBe(size);
  });

  it("answers a bad proof request with a typed error", async () => {
    const res = await fetch(`${w.url}/ledger/proof/inclusion?seq=abc`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
  });
});

describe("certificates and kiosk files on the worker", () => {
  it("files an application with scans into R2, opens a scan by its link only, and a clerk's signed decision moves it", async () => {
    const plot = (await seedPlots(w.sys))[2]!;
    const f = new FormData();
    f.set("application", JSON.stringify(applicationInput(plot)));
    f.append("title_deed", new Blob([PDF_BYTES]), "صك الملكية.pdf");
    f.append("owner_civil_id", new Blob([PNG_BYTES]), "id.png");
    const resident = createBaladiyaClient({ baseUrl: w.url });
    const applied = await resident.trpc.certificates.submit.mutate(f);
    expect(applied.number).toMatch(/^PD-HA-\d{4}-\d{6}$/);
    const view = await resident.trpc.certificates.track.query({ number: applied.number, token: applied.token });
    const deed = view.documents.find((d) => d.kind === "title_deed")!;
    const res = await fetch(`${w.url}${deed.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF_BYTES);
    expect((await fetch(`${w.url}/certificates/documents/${deed.id}?t=forged`)).status).toBe(404);
    expect((await fetch(`${w.url}/certificates/pdf/${deed.id}.pdf?t=forged`)).status).toBe(404);

    // The clerk's session and sealed signing key were made on Node; the worker unseals and signs.
    const clerk = createBaladiyaClient({ baseUrl: w.url, sessionToken: team.clerk.token });
    const seen = await clerk.trpc.staff.certificates.get.query({ number: applied.number });
    const moved = await clerk.trpc.staff.certificates.decide.mutate({
      number: applied.number,
      action: "accept_documents",
      expectedStep: seen.stepCount,
    });
    expect(moved.assignee?.id).toBe(team.inspector.staffId);
    expect(moved.stepCount).toBe(seen.stepCount + 1);
    // Certificate jobs (PDF rendering) run on the cron; none are due before issuance.
    const due = await w.sys.deps.store.read((db) =>
      db.select().from(certificateJobs).where(eq(certificateJobs.status, "pending")),
    );
    expect(due).toEqual([]);
  });

  it("serves a kiosk document from R2 to the holder of its link and NOT_FOUND to anyone else", async () => {
    const bytes = new TextEncoder().encode("scanned on the kiosk");
    const id = w.sys.deps.ids.uuid();
    const blobKey = `kiosk/documents/${id}`;
    await (await w.worker.bucket()).put(blobKey, bytes, { httpMetadata: { contentType: "text/plain" } });
    const sha256 = await w.sys.deps.hasher.sha256Hex(bytes);
    await w.sys.deps.store.write((db) =>
      db.insert(kioskDocuments).values({
        id,
        visitId: w.sys.deps.ids.uuid(),
        callId: null,
        direction: "from_kiosk",
        idCard: false,
        name: "scan.txt",
        blobKey,
        contentType: "text/plain",
        size: bytes.length,
        sha256,
        createdAt: new Date().toISOString(),
        createdBy: "test",
      }),
    );
    // The link's token is derived from the case-token key, which both runtimes hold.
    const token = await w.sys.deps.tokens.tokenFor(`kiosk-doc:${id}`);
    const res = await fetch(`${w.url}/kiosk/files/documents/${id}?t=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("scanned on the kiosk");
    expect((await fetch(`${w.url}/kiosk/files/documents/${id}?t=forged`)).status).toBe(404);
  });
});
