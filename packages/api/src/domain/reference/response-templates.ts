import type { ResponseTemplate } from "@baladiya/shared/staff";
import type { Ctx } from "../context";
import { assertCan } from "../permissions";

/** Ready wording for the updates staff send most, in both languages; the officer edits before sending. */
const TEMPLATES: ResponseTemplate[] = [
  {
    id: "team-on-way",
    title: { ar: "الفريق في الطريق", en: "Team on the way" },
    text: {
      ar: "شكراً لبلاغك. الفريق الميداني في طريقه إلى الموقع.",
      en: "Thank you for your report. Our field team is on its way.",
    },
  },
  {
    id: "scheduled",
    title: { ar: "موعد المعالجة", en: "Work scheduled" },
    text: {
      ar: "حُدّد موعد لمعالجة المشكلة خلال يومي عمل، وسنوافيك بالنتيجة.",
      en: "The work is scheduled within two working days; we will let you know the outcome.",
    },
  },
  {
    id: "fixed",
    title: { ar: "تمت المعالجة", en: "Fixed" },
    text: {
      ar: "عولجت المشكلة، ومرفقة صورة بعد المعالجة. يمكنك تأكيد ذلك أو إعادة فتح البلاغ إن لم تُحل.",
      en: "The problem has been fixed; a photo after the work is attached. You can confirm it, or reopen the report if it is not solved.",
    },
  },
  {
    id: "need-location",
    title: { ar: "طلب تحديد الموقع", en: "Ask for the exact spot" },
    text: {
      ar: "لم نتمكن من تحديد مكان المشكلة بدقة. نرجو إضافة وصف للموقع أو صورة تُظهر معلماً قريباً.",
      en: "We could not find the exact spot. Please add a description of the place or a photo showing a nearby landmark.",
    },
  },
  {
    id: "not-ours",
    title: { ar: "ليست من اختصاص البلدية", en: "Not the municipality's" },
    text: {
      ar: "هذه المشكلة من اختصاص جهة أخرى، وقد أحلنا إليها البلاغ.",
      en: "This problem is another authority's responsibility; we have passed your report on to them.",
    },
  },
  {
    id: "private-land",
    title: { ar: "أرض خاصة", en: "Private land" },
    text: {
      ar: "الموقع داخل ملكية خاصة، ولا يمكن للبلدية التدخل إلا بطلب من المالك.",
      en: "The place is private property; the municipality can act only at the owner's request.",
    },
  },
];

export function listResponseTemplates({ ctx }: { ctx: Ctx }): ResponseTemplate[] {
  assertCan(ctx.actor, "case.staff_read");
  return TEMPLATES;
}
