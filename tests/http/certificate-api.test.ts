import { createBaladiyaClient, errorDetails } from "@baladiya/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applicationInput,
  certificateTeam,
  DESCRIPTION,
  PDF_BYTES,
  PNG_BYTES,
  seedPlots,
  type CertificateTeam,
} from "../helpers/certificates";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let team: CertificateTeam;
let plot: Awaited<ReturnType<typeof seedPlots>>[number];
beforeAll(async () => {
  t = await startTestServer({}, { start: new Date("2026-11-29T06:00:00Z") });
  plot = (await seedPlots(t))[3]!;
  team = await certificateTeam(t);
});
afterAll(async () => {
  await t.close();
});

const form = (field: string, json: unknown, files: [string, Uint8Array, string][]) => {
  const f = new FormData();
  f.set(field, JSON.stringify(json));
  for (const [name, bytes, file] of files) f.append(name, new Blob([bytes as Uint8Array<ArrayBuffer>]), file);
  return f;
};

describe("certificates over tRPC through the real server and the SDK", () => {
  it("applies with scanned documents, tracks, opens a document by its link only, and moves through the staff's decisions", async () => {
    const resident = createBaladiyaClient({ baseUrl: t.url });
    const applied = await resident.trpc.certificates.submit.mutate(
      form("application", applicationInput(plot), [
        ["title_deed", PDF_BYTES, "صك الملكية.pdf"],
        ["owner_civil_id", PNG_BYTES, "id.png"],
      ]),
    );
    expect(applied.number).toMatch(/^PD-HA-2026-\d{6}$/);
    const view = await resident.trpc.certificates.track.query({ number: applied.number, token: applied.token });
    expect(view.documents.map((d) => d.name)).toContain("صك الملكية.pdf");
    const deed = view.documents.find((d) => d.kind === "title_deed")!;
    const ok = await fetch(`${t.url}${deed.url}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(PDF_BYTES);
    expect((await fetch(`${t.url}/certificates/documents/${deed.id}?t=forged`)).status).toBe(404);

    const staff = (token: string) => createBaladiyaClient({ baseUrl: t.url, sessionToken: token });
    const clerk = staff(team.clerk.token);
    const queue = await clerk.trpc.staff.certificates.queue.query({});
    expect(queue.items.map((i) => i.number)).toContain(applied.number);
    let s = await clerk.trpc.staff.certificates.get.query({ number: applied.number });
    s = await clerk.trpc.staff.certificates.decide.mutate({
      number: applied.number,
      action: "accept_documents",
      expectedStep: s.stepCount,
    });
    expect(s.assignee?.id).toBe(team.inspector.staffId);
    const inspector = staff(team.inspector.token);
    s = await inspector.trpc.staff.certificates.decide.mutate(
      form(
        "decision",
        { number: applied.number, action: "submit_description", expectedStep: s.stepCount, description: DESCRIPTION },
        [["photo", PNG_BYTES, "violation.png"]],
      ),
    );
    expect(s.state).toBe("survey_audit");
    // A replayed decision is refused and changes nothing.
    const replay = await inspector.trpc.staff.certificates.decide
      .mutate({ number: applied.number, action: "submit_description", expectedStep: 1, description: DESCRIPTION })
      .catch((e: unknown) => e);
    expect(errorDetails(replay)?.code).toBe("CONFLICT");
    // Bad input through the API: a typed error with the field.
    const bad = await resident.trpc.certificates.submit
      .mutate(form("application", { ...applicationInput(plot), ownerCivilId: "123" }, [["title_deed", PDF_BYTES, "d.pdf"]]))
      .catch((e: unknown) => e);
    expect(errorDetails(bad), JSON.stringify(errorDetails(bad))).toMatchObject({ code: "VALIDATION" });
    expect(JSON.stringify(errorDetails(bad)?.issues)).toContain("ownerCivilId");
    const areas = await resident.trpc.certificates.areas.query({ governorateCode: "KW-HA" });
    expect(areas.map((a) => a.id)).toContain(plot.areaId);
  });
});
