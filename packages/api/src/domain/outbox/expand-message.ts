import { and, eq, inArray, or } from "drizzle-orm";
import { caseEvents, cases, notificationDeliveries, pushSubscriptions, staff } from "../../db/schema";
import type { Db } from "../../ports/store";
import type { Ctx } from "../context";
import { applicantStepMessage, certificateEscalationMessage } from "../certificate/certificate-messages";

type LocalizedMessage = { ar: string; en: string };
type OutboxRow = { id: string; topic: string; payload: string };

/** What one recipient is sent: a subject (e-mail, push title), the text, and where it leads. */
export interface RenderedMessage {
  subject: string;
  text: string;
  /** A path on the citizen app, e.g. the tracking page. */
  url: string | null;
  /** Push notifications with the same tag replace each other (one per case). */
  tag: string | null;
}

type Delivery = typeof notificationDeliveries.$inferInsert;

const SUBJECT: Record<"ar" | "en", (n: string) => string> = {
  ar: (n) => `بلدية الكويت — البلاغ ${n}`,
  en: (n) => `Kuwait Municipality — report ${n}`,
};

const FOOTER: LocalizedMessage = {
  ar: "تابع بلاغك في صفحة المتابعة برقم المتابعة والرمز السري. هذه رسالة آلية، لا ترد عليها.",
  en: "Follow your report on the tracking page with its tracking number and secret code. This is an automatic message; please do not reply.",
};

/**
 * The resident's message in their language, for every channel they can be reached on: the phone and
 * e-mail they left on the report, and browsers subscribed to the case or to their account.
 */
async function toResident(
  db: Db,
  caseId: string,
  text: (trackingNumber: string) => LocalizedMessage,
): Promise<Omit<Delivery, "id" | "outboxId" | "topic" | "status" | "availableAt" | "createdAt">[]> {
  const [c] = await db
    .select({
      id: cases.id,
      trackingNumber: cases.trackingNumber,
      phone: cases.reporterPhone,
      email: cases.reporterEmail,
      locale: cases.locale,
      citizenId: cases.citizenId,
    })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!c) return [];
  const locale = c.locale === "en" ? "en" : "ar";
  const body = text(c.trackingNumber)[locale];
  const url = `/track/${c.trackingNumber}`;
  const base = { caseId: c.id, locale };
  const out = [];
  if (c.phone) {
    const message: RenderedMessage = { subject: SUBJECT[locale](c.trackingNumber), text: body, url: null, tag: null };
    out.push({ ...base, channel: "sms", recipient: c.phone, message: JSON.stringify(message) });
  }
  if (c.email) {
    const message: RenderedMessage = {
      subject: SUBJECT[locale](c.trackingNumber),
      text: `${body}\n\n${FOOTER[locale]}`,
      url,
      tag: null,
    };
    out.push({ ...base, channel: "email", recipient: c.email, message: JSON.stringify(message) });
  }
  const subs = await db
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(
      or(
        and(eq(pushSubscriptions.subjectKind, "case"), eq(pushSubscriptions.subjectId, c.id)),
        c.citizenId ? and(eq(pushSubscriptions.subjectKind, "citizen"), eq(pushSubscriptions.subjectId, c.citizenId)) : undefined,
      ),
    );
  // A browser subscribed both to the case and to the account hears once.
  const endpoints = new Set<string>();
  for (const s of subs) {
    if (endpoints.has(s.endpoint)) continue;
    endpoints.add(s.endpoint);
    const message: RenderedMessage = { subject: SUBJECT[locale](c.trackingNumber), text: body, url, tag: c.trackingNumber };
    out.push({ ...base, channel: "push", recipient: s.id, message: JSON.stringify(message) });
  }
  return out;
}

async function eventText(db: Db, eventId: string): Promise<LocalizedMessage> {
  const [e] = await db.select({ text: caseEvents.text }).from(caseEvents).where(eq(caseEvents.id, eventId));
  return e?.text ? (JSON.parse(e.text) as LocalizedMessage) : { ar: "تحديث جديد", en: "A new update" };
}

/** Staff are written to in both languages, Arabic first, at their work address. */
async function toStaff(db: Db, payload: { caseId: string; eventId: string; level: number; staffIds: string[] }) {
  const [c] = await db.select({ trackingNumber: cases.trackingNumber }).from(cases).where(eq(cases.id, payload.caseId));
  if (!c || payload.staffIds.length === 0) return [];
  const what = await eventText(db, payload.eventId);
  const people = await db.select({ email: staff.email }).from(staff).where(inArray(staff.id, payload.staffIds));
  const n = c.trackingNumber;
  const message: RenderedMessage = {
    subject: `بلاغ متأخر ${n} — Overdue report ${n}`,
    text: `البلاغ ${n}: ${what.ar}.\n\nReport ${n}: ${what.en}.`,
    url: `/staff/case/${n}`,
    tag: null,
  };
  return people.map((p) => ({
    caseId: payload.caseId,
    locale: "ar",
    channel: "email",
    recipient: p.email,
    message: JSON.stringify(message),
  }));
}

/**
 * The deliveries an outbox row turns into: one per channel and recipient. A message nobody can be
 * reached for becomes one "none" delivery marked skipped, and an unknown topic one marked failed,
 * so nothing disappears without a trace.
 */
export async function expandMessage(ctx: Ctx, db: Db, row: OutboxRow, at: string): Promise<Delivery[]> {
  let planned: Omit<Delivery, "id" | "outboxId" | "topic" | "status" | "availableAt" | "createdAt">[] = [];
  let problem: { status: "skipped" | "failed"; reason: string } = {
    status: "skipped",
    reason: "Nobody to tell: no phone, e-mail or push subscription",
  };
  switch (row.topic) {
    case "case.created": {
      const payload = JSON.parse(row.payload) as { caseId: string };
      planned = await toResident(db, payload.caseId, (n) => ({
        ar: `بلدية الكويت: استلمنا بلاغك رقم ${n}. تابعه برقم المتابعة والرمز السري.`,
        en: `Kuwait Municipality: we received your report ${n}. Follow it with its tracking number and secret code.`,
      }));
      break;
    }
    case "case.updated": {
      const payload = JSON.parse(row.payload) as { caseId: string; eventId: string };
      const what = await eventText(db, payload.eventId);
      planned = await toResident(db, payload.caseId, (n) => ({
        ar: `بلدية الكويت، البلاغ ${n}: ${what.ar}.`,
        en: `Kuwait Municipality, report ${n}: ${what.en}.`,
      }));
      break;
    }
    case "staff.escalation":
      planned = await toStaff(db, JSON.parse(row.payload) as Parameters<typeof toStaff>[1]);
      problem = { status: "skipped", reason: "No staff member to tell" };
      break;
    case "certificate.updated":
      planned = await applicantStepMessage(db, JSON.parse(row.payload) as Parameters<typeof applicantStepMessage>[1]);
      problem = { status: "skipped", reason: "The applicant left no phone" };
      break;
    case "certificate.escalation":
      planned = await certificateEscalationMessage(
        db,
        JSON.parse(row.payload) as Parameters<typeof certificateEscalationMessage>[1],
      );
      problem = { status: "skipped", reason: "No staff member to tell" };
      break;
    default:
      problem = { status: "failed", reason: `No handler for outbox topic '${row.topic}'` };
  }
  const common = { outboxId: row.id, topic: row.topic, availableAt: at, createdAt: at };
  if (planned.length === 0) {
    const caseId = (JSON.parse(row.payload) as { caseId?: unknown }).caseId;
    return [
      {
        ...common,
        id: ctx.deps.ids.uuid(),
        caseId: typeof caseId === "string" ? caseId : null,
        channel: "none",
        recipient: null,
        locale: "ar",
        message: JSON.stringify({ subject: row.topic, text: row.payload, url: null, tag: null }),
        status: problem.status,
        lastError: problem.reason,
      },
    ];
  }
  return planned.map((p) => ({ ...common, ...p, id: ctx.deps.ids.uuid(), status: "pending" }));
}
