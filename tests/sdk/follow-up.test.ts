import { createBaladiyaClient, errorDetails } from "@baladiya/sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { realPhoto } from "../helpers/photos";
import { POINTS } from "../helpers/points";
import { startTestServer, type TestServer } from "../helpers/server";
import { addOfficer, staffSession } from "../helpers/system";

let t: TestServer;
let staffToken: string;
beforeAll(async () => {
  t = await startTestServer();
  await addOfficer(t, "KW-AH", ["GARBAGE"]);
  staffToken = (await staffSession(t, { governorateCode: "KW-AH" })).token;
});
afterAll(async () => {
  await t.close();
});

it("follows a report through the SDK: a staff resolution with an after-photo, the reporter's photo, a rating", async () => {
  const resident = createBaladiyaClient({ baseUrl: t.url });
  const filed = await resident.submitReport({
    serviceCode: "GARBAGE",
    location: { lat: POINTS.fahaheel.lat, lng: POINTS.fahaheel.lng },
    description: "Overflowing bins",
    locale: "en",
  });
  if (filed.outcome !== "created") throw new Error("not created");
  const ref = { trackingNumber: filed.trackingNumber, token: filed.token };

  const officer = createBaladiyaClient({ baseUrl: t.url, sessionToken: staffToken });
  try {
    await officer.staffAct({ ...ref, action: "resolve_fixed", note: "Collected" });
    expect.unreachable("resolving as fixed without an after-photo must fail");
  } catch (error) {
    expect(errorDetails(error)?.code).toBe("VALIDATION");
  }
  const resolved = await officer.staffAct({ trackingNumber: ref.trackingNumber, action: "resolve_fixed", note: "Collected" }, [
    { bytes: await realPhoto("photo_2.JPG"), name: "after.jpg" },
  ]);
  expect(resolved.status).toBe("resolved_fixed");

  const withPhoto = await resident.addCaseInfo({ ...ref, note: "Thank you" }, [{ bytes: await realPhoto("photo_4.JPG") }]);
  expect(withPhoto.timeline.at(-1)?.photos).toHaveLength(1);
  const rated = await resident.trpc.cases.rate.mutate({ ...ref, score: 5 });
  expect(rated.rating?.score).toBe(5);
  expect(rated.allowedActions).toContain("confirm_fixed");
});
