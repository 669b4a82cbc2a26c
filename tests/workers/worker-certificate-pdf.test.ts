import { execFileSync } from "node:child_process";
import { certificateJobs } from "@baladiya/api/db/schema";
import { createBaladiyaClient } from "@baladiya/sdk";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateTeam, issueOne, seedPlots } from "../helpers/certificates";
import { startWorkerSystem, type WorkerSystem } from "../helpers/workerd";

// Certificates' PDFs on workerd: the Cron Trigger renders the issued certificate through the
// BROWSER binding (Miniflare's local Browser Rendering, on Debian's Chromium) into R2, and the
// worker serves it by its link.
let w: WorkerSystem;
beforeAll(async () => {
  w = await startWorkerSystem({ browser: true });
});
afterAll(async () => {
  await w?.close();
});

describe("an issued certificate's PDF on the worker", () => {
  it("is rendered by one cron tick through Browser Rendering into R2 and served by its link only", async () => {
    const plot = (await seedPlots(w.sys))[4]!;
    const { number, token, issued } = await issueOne(w.sys, await certificateTeam(w.sys), plot);
    const resident = createBaladiyaClient({ baseUrl: w.url });
    expect((await resident.trpc.certificates.track.query({ number, token })).certificate?.pdfUrl).toBeNull();

    expect((await w.worker.scheduled()).outcome).toBe("ok");
    const jobs = await w.sys.deps.store.read((db) =>
      db.select().from(certificateJobs).where(eq(certificateJobs.kind, "render_pdf")),
    );
    expect(jobs.map((j) => [j.status, j.lastError])).toEqual([["done", null]]);

    const pdfUrl = (await resident.trpc.certificates.track.query({ number, token })).certificate?.pdfUrl;
    expect(pdfUrl).toMatch(/^\/certificates\/pdf\//);
    const res = await fetch(`${w.url}${pdfUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await res.arrayBuffer());
    const listed = await (await w.worker.bucket()).list({ prefix: "certificates/pdf/" });
    expect(listed.objects.map((o) => o.size)).toEqual([pdf.length]);
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString("utf8");
    expect(text).toContain(issued.certificate!.number);
    expect(text).toContain(issued.certificate!.contentHash);
    expect((await fetch(`${w.url}${pdfUrl!.replace(/t=[^&]+/, "t=forged")}`)).status).toBe(404);
  });
});
