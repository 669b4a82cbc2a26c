import { ACTION_LABELS, STATE_LABELS, type CertificateAction, type CertificateState } from "@baladiya/shared/certificate";
import { and, eq, inArray } from "drizzle-orm";
import { certificateApplications, certificateSteps, citizens, staff } from "../../db/schema";
import type { notificationDeliveries } from "../../db/schema";
import type { Db } from "../../ports/store";

type Planned = Omit<
  typeof notificationDeliveries.$inferInsert,
  "id" | "outboxId" | "topic" | "status" | "availableAt" | "createdAt"
>;

/** The applicant is told of every step by SMS (the phone they gave, or their account's). */
export async function applicantStepMessage(db: Db, payload: { applicationId: string; seq: number }): Promise<Planned[]> {
  const [row] = await db
    .select({ app: certificateApplications, step: certificateSteps })
    .from(certificateApplications)
    .innerJoin(
      certificateSteps,
      and(eq(certificateSteps.applicationId, certificateApplications.id), eq(certificateSteps.seq, payload.seq)),
    )
    .where(eq(certificateApplications.id, payload.applicationId));
  if (!row) return [];
  let phone = row.app.phone;
  if (!phone && row.app.citizenId)
    phone =
      (await db.select({ phone: citizens.phone }).from(citizens).where(eq(citizens.id, row.app.citizenId)))[0]?.phone ?? null;
  if (!phone) return [];
  const n = row.app.number;
  const what = ACTION_LABELS[row.step.action as CertificateAction];
  const now = STATE_LABELS[row.step.toState as CertificateState];
  const text = `بلدية الكويت، طلب شهادة الأوصاف ${n}: ${what.ar}. المرحلة الحالية: ${now.ar}.\nKuwait Municipality, certificate application ${n}: ${what.en}. Now: ${now.en}.`;
  return [
    {
      caseId: null,
      locale: "ar",
      channel: "sms",
      recipient: phone,
      message: JSON.stringify({ subject: `شهادة الأوصاف ${n}`, text, url: `/certificates/track/${n}`, tag: null }),
    },
  ];
}

/** Supervisors (then the branch manager) are e-mailed when an application's stage runs past its target. */
export async function certificateEscalationMessage(
  db: Db,
  payload: { number: string; state: string; level: number; staffIds: string[] },
): Promise<Planned[]> {
  if (payload.staffIds.length === 0) return [];
  const people = await db.select({ email: staff.email }).from(staff).where(inArray(staff.id, payload.staffIds));
  const stage = STATE_LABELS[payload.state as CertificateState] ?? { ar: payload.state, en: payload.state };
  const n = payload.number;
  const message = {
    subject: `طلب شهادة متأخر ${n} — Overdue certificate application ${n}`,
    text: `تجاوز الطلب ${n} الموعد المحدد في مرحلة «${stage.ar}».\n\nApplication ${n} is past its target at "${stage.en}".`,
    url: `/staff/certificates/${n}`,
    tag: null,
  };
  return people.map((p) => ({
    caseId: null,
    locale: "ar",
    channel: "email",
    recipient: p.email,
    message: JSON.stringify(message),
  }));
}
