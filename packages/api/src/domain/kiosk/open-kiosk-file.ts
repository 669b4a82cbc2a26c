import { eq } from "drizzle-orm";
import type { KioskService } from "@baladiya/shared/kiosk-protocol";
import { kioskCalls, kioskDocuments, kioskResults } from "../../db/schema";
import type { Ctx } from "../context";
import { constantTimeEqual } from "../crypto";
import { notFound } from "../errors";
import { assertCan } from "../permissions";
import { qrSvg } from "../certificate/qr-svg";
import { loadKiosk, resultView, staffName } from "./kiosk-rows";
import { receiptHtml } from "./receipt-html";

/**
 * A document of a kiosk call or a receipt, for whoever holds its link: the link carries a token
 * derived from the server's key for that one file (handed out only in the call's views). Without
 * it, NOT_FOUND. Receipts are rendered when first asked for, then kept.
 */
export async function openKioskFile({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { kind: "document" | "receipt"; ref: string; token: string };
}): Promise<{ bytes: Uint8Array; mime: string; name: string }> {
  assertCan(ctx.actor, "kiosk.open_file");
  const subject = input.kind === "document" ? `kiosk-doc:${input.ref}` : `kiosk-receipt:${input.ref}`;
  if (!constantTimeEqual(await ctx.deps.tokens.tokenFor(subject), input.token)) throw notFound("File");
  if (input.kind === "document") {
    const [row] = await ctx.deps.store.read((db) => db.select().from(kioskDocuments).where(eq(kioskDocuments.id, input.ref)));
    const blob = row ? await ctx.deps.blobs.get(row.blobKey) : null;
    if (!row || !blob) throw notFound("File");
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: row.contentType, name: row.name };
  }
  const key = `kiosk/receipts/${input.ref}.pdf`;
  const kept = await ctx.deps.blobs.get(key);
  const facts = await ctx.deps.store.read(async (db) => {
    const [result] = await db.select().from(kioskResults).where(eq(kioskResults.id, input.ref));
    if (!result) throw notFound("File");
    const [call] = await db.select().from(kioskCalls).where(eq(kioskCalls.id, result.callId));
    if (!call) throw notFound("File");
    const kiosk = await loadKiosk(db, call.kioskId);
    return {
      result,
      facts: {
        kind: result.kind as "case" | "certificate",
        ref: result.ref,
        title:
          result.kind === "case"
            ? { ar: "بلاغ مقدّم عبر جهاز الخدمة الذاتية", en: "Complaint filed at the self-service kiosk" }
            : { ar: "طلب شهادة الأوصاف", en: "Property description certificate application" },
        service: call.service as KioskService,
        kiosk: { name: { ar: kiosk.nameAr, en: kiosk.nameEn }, place: { ar: kiosk.placeAr, en: kiosk.placeEn } },
        employee: await staffName(db, result.createdBy),
        filedAt: result.createdAt,
        trackUrl: "",
      },
    };
  });
  const name = `${facts.result.ref}-receipt.pdf`;
  if (kept) return { bytes: new Uint8Array(await kept.arrayBuffer()), mime: "application/pdf", name };
  const { trackUrl } = await resultView(ctx, facts.result);
  const bytes = await ctx.deps.pdf.render(receiptHtml({ ...facts.facts, trackUrl }, { qrSvg: qrSvg(trackUrl) }));
  await ctx.deps.blobs.put(key, bytes, { httpMetadata: { contentType: "application/pdf" } });
  return { bytes, mime: "application/pdf", name };
}
