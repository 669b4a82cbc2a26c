/**
 * Report a problem with a photo, then read it back — once through Baladiya's typed API and once
 * through the standard Open311 GeoReport v2 API.
 *
 *   BALADIYA_URL=http://localhost:8787 BALADIYA_API_KEY=bld_… pnpm --filter @baladiya/sdk example [photo.jpg]
 */
import { readFile } from "node:fs/promises";
import { createBaladiyaClient, createOpen311Client, errorDetails } from "@baladiya/sdk";

const baseUrl = process.env.BALADIYA_URL ?? "http://localhost:8787";
const photoPath = process.argv[2];
const photos = photoPath ? [{ bytes: new Uint8Array(await readFile(photoPath)), name: photoPath }] : [];

// 1. The typed client: every call and its result are typed from the server's router.
const baladiya = createBaladiyaClient({ baseUrl });
const here = { lat: 29.334776, lng: 48.067869 }; // Salmiya
const place = await baladiya.trpc.geo.locate.query(here);
console.log(`The pin is in ${place.area.name.en}, ${place.governorate.name.en}`);

try {
  const result = await baladiya.submitReport(
    { serviceCode: "GARBAGE", location: here, description: "حاوية ممتلئة منذ ثلاثة أيام", duplicatePolicy: "create" },
    photos,
  );
  if (result.outcome === "created") {
    console.log(`Filed ${result.trackingNumber} (keep the token to follow it: ${result.token})`);
    const mine = await baladiya.trpc.cases.lookup.query({ trackingNumber: result.trackingNumber, token: result.token });
    console.log(
      `Status: ${mine.status}, due ${mine.dueAt}, ${mine.photos.length} photo(s), ${mine.timeline.length} timeline entries`,
    );
  }
} catch (error) {
  const details = errorDetails(error);
  console.error(details ? `${details.code}: ${details.message}` : error);
  process.exit(1);
}

// 2. Open311 GeoReport v2, as any Open311 client would use it (needs an API key:
//    `pnpm baladiya api-key create "My app"`).
const apiKey = process.env.BALADIYA_API_KEY;
if (apiKey) {
  const open311 = createOpen311Client({ endpoint: `${baseUrl}/open311/v2`, apiKey, locale: "en" });
  const created = await open311.createRequest({
    service_code: "FURNITURE",
    lat: here.lat + 0.002,
    long: here.lng,
    description: "Old sofa left on the pavement",
    media: photos,
  });
  const request = await open311.request(created.service_request_id);
  console.log(`Open311 ${request?.service_request_id}: ${request?.status}, ${request?.agency_responsible}`);
}
