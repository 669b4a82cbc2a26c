import { ACTION_LABELS, PURPOSE_LABELS, USE_LABELS, VIOLATION_LABELS } from "@baladiya/shared/certificate";
import type { CertificateFile, CertificateStage } from "@baladiya/shared/certificate-seal";
import { formatKuwaitDateTime, KUWAIT_TIME_ZONE, type LocalizedText } from "@baladiya/shared/i18n";

/** Who acted in a stage, as the certificate names it. */
const ROLE_LABELS: Record<string, LocalizedText> = {
  clerk: { ar: "موظف خدمة العملاء", en: "Clerk" },
  inspector: { ar: "المراقب", en: "Inspector" },
  survey_auditor: { ar: "مدقق إدارة المساحة", en: "Survey auditor" },
  moj_registrar: { ar: "مسجّل وزارة العدل", en: "MoJ registrar" },
  moj_integration: { ar: "نظام وزارة العدل", en: "Ministry of Justice system" },
  supervisor: { ar: "المشرف", en: "Supervisor" },
  branch_manager: { ar: "مدير الفرع", en: "Branch manager" },
  applicant: { ar: "مقدّم الطلب", en: "Applicant" },
};

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Latin text, numbers, IDs, hashes and URLs inside Arabic: isolated and left to right. */
const ltr = (text: string, cls = ""): string => `<bdi dir="ltr"${cls ? ` class="${cls}"` : ""}>${escapeHtml(text)}</bdi>`;
/** Free text (notes, names) in whichever direction it starts with. */
const auto = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;
const en = (text: string): string => `<span class="en" lang="en" dir="ltr">${escapeHtml(text)}</span>`;
/** An Arabic text with its English beside it, each in its own direction. */
const both = (t: LocalizedText): string => `<span class="ar">${escapeHtml(t.ar)}</span> ${en(t.en)}`;

const number = (n: number): string => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(n);
const squareMetres = (n: number | null): string =>
  n === null ? `<span class="muted">—</span>` : `${ltr(number(n))} <span class="unit">م²</span>`;

function kuwaitDate(at: string, locale: "ar" | "en"): string {
  return new Intl.DateTimeFormat(locale === "ar" ? "ar-KW" : "en-GB", { timeZone: KUWAIT_TIME_ZONE, dateStyle: "long" }).format(
    new Date(at),
  );
}

/** A labelled value: the Arabic label, its English under it, the value beside them. */
const field = (label: LocalizedText, value: string, span = 1): string =>
  `<th scope="row">${escapeHtml(label.ar)}<small lang="en" dir="ltr">${escapeHtml(label.en)}</small></th><td${span > 1 ? ` colspan="${span}"` : ""}>${value}</td>`;

/** Three label–value pairs a row. */
const GRID_COLUMNS = `<colgroup>${'<col class="label"><col>'.repeat(3)}</colgroup>`;

function section(title: LocalizedText, body: string, cls = ""): string {
  return `<section${cls ? ` class="${cls}"` : ""}><h2>${escapeHtml(title.ar)} ${en(title.en)}</h2>${body}</section>`;
}

function stageRow(stage: CertificateStage, index: number): string {
  const action = ACTION_LABELS[stage.action] ?? { ar: stage.action, en: stage.action };
  const role = ROLE_LABELS[stage.role] ?? { ar: stage.role, en: stage.role };
  const seal =
    stage.signature && stage.keyId
      ? `<div>${ltr(stage.keyId, "mono")}</div><div>${ltr(`${stage.signature.slice(0, 16)}…`, "mono")}</div>`
      : `<div class="muted">غير موقّع ${en("unsigned")}</div>`;
  return `<tr>
<td class="seq">${ltr(String(index + 1))}</td>
<td><div>${escapeHtml(action.ar)}</div>${en(action.en)}</td>
<td><div>${escapeHtml(role.ar)}${stage.actorName ? ` — ${auto(stage.actorName.ar)}` : ""}</div>${en(stage.actorName ? `${role.en} — ${stage.actorName.en}` : role.en)}</td>
<td class="when"><div>${escapeHtml(formatKuwaitDateTime(stage.at, "ar"))}</div>${en(formatKuwaitDateTime(stage.at, "en"))}</td>
<td class="seal">${seal}</td>
</tr>`;
}

const STYLE = `
@page { size: A4; margin: 8mm; }
* { box-sizing: border-box; }
html { font-family: "Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", serif; font-size: 9.5pt; line-height: 1.3; color: #1b1b1b; }
body { margin: 0; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.frame { position: fixed; inset: 0; border: 1.2mm double #0d5c3f; outline: 0.3mm solid #b8943f; outline-offset: -2.6mm; }
.sheet { padding-block: 4mm 3mm; padding-inline: 7mm; }
.en { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.74em; color: #4a5a52; unicode-bidi: isolate; }
small { display: block; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.64em; font-weight: normal; line-height: 1.2; color: #4a5a52; }
.block { display: block; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.78em; }
.muted { color: #6b6b6b; }
header.head { display: grid; grid-template-columns: 1fr 22mm 1fr; align-items: center; border-block-end: 0.6mm solid #0d5c3f; padding-block-end: 1.8mm; }
header .issuer p { margin: 0; line-height: 1.3; }
header .issuer .strong { font-size: 1.35em; font-weight: bold; color: #0d5c3f; }
header .issuer.ar { text-align: start; }
header .issuer.en-side { text-align: end; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.8em; }
header .issuer.en-side .strong { font-size: 1.3em; }
.seal-mark { inline-size: 20mm; block-size: 20mm; margin-inline: auto; border-radius: 50%; border: 0.7mm solid #b8943f; box-shadow: inset 0 0 0 0.8mm #fff, inset 0 0 0 1.1mm #0d5c3f; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; color: #0d5c3f; line-height: 1.1; }
.seal-mark b { font-size: 0.95em; }
.seal-mark span { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.48em; letter-spacing: 0.04em; }
.title { text-align: center; margin-block: 1.5mm 1.5mm; }
.title h1 { margin: 0; font-size: 2.4em; line-height: 1.1; color: #0d5c3f; }
.title .en { display: block; font-size: 1em; letter-spacing: 0.1em; text-transform: uppercase; color: #7a6127; }
.refs { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1.5mm; margin-block: 0 2mm; }
.refs div { border: 0.3mm solid #c9b27a; background: #fbf7ec; padding-block: 0.6mm; padding-inline: 2mm; text-align: center; }
.refs dt { font-size: 0.85em; color: #5b4a1f; }
.refs dt small { display: inline; }
.refs dd { margin: 0; font-weight: bold; font-size: 1.05em; line-height: 1.25; }
.refs dd .en { display: block; font-weight: normal; }
.statement { margin-block: 0 2mm; text-align: justify; }
.statement .en { display: block; font-size: 0.76em; line-height: 1.3; text-align: start; }
section { margin-block-end: 2mm; break-inside: avoid; }
h2 { font-size: 1.08em; margin-block: 0 0.8mm; padding-block: 0.3mm; padding-inline: 2mm; background: #0d5c3f; color: #fff; border-inline-start: 1.6mm solid #b8943f; }
h2 .en { color: #e4eee8; margin-inline-start: 1.5mm; }
table { inline-size: 100%; border-collapse: collapse; }
table.grid { table-layout: fixed; }
table.grid th, table.grid td { border: 0.25mm solid #b9c7bf; padding-block: 0.4mm; padding-inline: 1.8mm; vertical-align: middle; text-align: start; }
table.grid th { background: #eef4f0; font-weight: bold; color: #173f2f; }
table.grid col.label { inline-size: 14.5%; }
table.grid td > .en { display: block; }
.unit { margin-inline-start: 0.5mm; }
.verdict-ok { color: #0d5c3f; font-weight: bold; }
.verdict-no { color: #9a1c1c; font-weight: bold; }
ol.violations { margin: 0; padding-inline-start: 4.5mm; }
ol.violations li { margin-block: 0.2mm; }
table.stages th { background: #eef4f0; color: #173f2f; font-size: 0.85em; border: 0.25mm solid #b9c7bf; padding-block: 0.3mm; padding-inline: 1.5mm; text-align: start; }
table.stages { table-layout: fixed; }
table.stages td { border: 0.25mm solid #b9c7bf; padding-block: 0.3mm; padding-inline: 1.5mm; vertical-align: top; font-size: 0.9em; line-height: 1.22; }
table.stages td .en { display: block; font-size: 0.7em; }
table.stages col.seq { inline-size: 5mm; }
table.stages col.decision { inline-size: 34%; }
table.stages col.when { inline-size: 35mm; }
table.stages col.seal { inline-size: 27mm; }
table.stages td.seq { text-align: center; }
table.stages td.when { white-space: nowrap; }
footer.verify { display: grid; grid-template-columns: 1fr 33mm; gap: 4mm; align-items: center; border-block-start: 0.6mm solid #0d5c3f; padding-block-start: 2mm; break-inside: avoid; }
footer .qr svg { display: block; inline-size: 33mm; block-size: 33mm; }
footer .qr .url { display: block; text-align: center; font-size: 0.6em; margin-block-start: 0.5mm; }
footer p { margin-block: 0 1mm; line-height: 1.25; }
footer p .en { display: block; }
footer .validity { margin-block: 1.5mm 0; font-size: 0.92em; color: #333; }
footer .hash { display: block; font-size: 0.8em; margin-block-start: 0.5mm; padding-block: 0.5mm; padding-inline: 1.5mm; background: #f3f3f0; border: 0.25mm dashed #9c9c94; }
`;

/**
 * The issued certificate as one self-contained A4 HTML page, Arabic first with English beside it:
 * what the document says, every signed stage, the content hash and the QR code of the verification
 * page. Every text from the file is escaped; numbers, IDs, hashes and URLs are isolated left to right.
 */
export function certificateHtml(file: CertificateFile, options: { qrSvg: string }): string {
  const doc = file.document;
  const p = doc.property;
  const d = doc.description;
  const purpose = PURPOSE_LABELS[doc.purpose] ?? { ar: doc.purpose, en: doc.purpose };
  const use = USE_LABELS[d.use] ?? { ar: d.use, en: d.use };

  const refs = [
    [{ ar: "رقم الشهادة", en: "Certificate No." }, ltr(doc.number)],
    [{ ar: "رقم الطلب", en: "Application No." }, ltr(doc.applicationNumber)],
    [
      { ar: "تاريخ الإصدار", en: "Issued" },
      `${escapeHtml(kuwaitDate(doc.issuedAt, "ar"))}<br>${en(kuwaitDate(doc.issuedAt, "en"))}`,
    ],
    [
      { ar: "صالحة حتى", en: "Valid until" },
      `${escapeHtml(kuwaitDate(doc.validUntil, "ar"))}<br>${en(kuwaitDate(doc.validUntil, "en"))}`,
    ],
  ] as const;

  const property = `<table class="grid">${GRID_COLUMNS}<tbody>
<tr>${field({ ar: "المحافظة", en: "Governorate" }, both(p.governorateName))}${field({ ar: "المنطقة", en: "Area" }, both(p.areaName))}${field({ ar: "القطعة", en: "Block" }, ltr(p.block))}</tr>
<tr>${field({ ar: "القسيمة", en: "Plot" }, ltr(p.plot))}${field({ ar: "رقم المخطط", en: "Plan No." }, auto(p.planNumber))}${field({ ar: "المساحة المسجلة", en: "Registered area" }, squareMetres(p.registeredLandAreaM2))}</tr>
<tr>${field({ ar: "الرقم المدني للمالك", en: "Owner Civil ID" }, ltr(doc.ownerCivilId))}${field({ ar: "الرقم المدني لمقدّم الطلب", en: "Applicant Civil ID" }, ltr(doc.applicantCivilId))}${field({ ar: "الغرض", en: "Purpose" }, both(purpose))}</tr>
</tbody></table>`;

  const licence = d.matchesLicence
    ? `<span class="verdict-ok">مطابق</span> ${en("Matches")}`
    : `<span class="verdict-no">غير مطابق</span> ${en("Does not match")}`;
  const violations = d.violations.length
    ? `<ol class="violations">${d.violations
        .map((v) => {
          const label = VIOLATION_LABELS[v.code] ?? { ar: v.code, en: v.code };
          return `<li><b>${escapeHtml(label.ar)}</b> ${en(label.en)} — <span class="note">${auto(v.note)}</span></li>`;
        })
        .join("")}</ol>`
    : `<span class="verdict-ok">لا توجد مخالفات</span> ${en("No violations")}`;
  const description = `<table class="grid">${GRID_COLUMNS}<tbody>
<tr>${field({ ar: "مساحة الأرض", en: "Land area" }, squareMetres(d.landAreaM2))}${field({ ar: "المساحة المبنية", en: "Built area" }, squareMetres(d.builtAreaM2))}${field({ ar: "الاستعمال", en: "Use" }, both(use))}</tr>
<tr>${field({ ar: "عدد الأدوار", en: "Floors" }, ltr(String(d.floors)))}${field({ ar: "عدد الوحدات", en: "Units" }, ltr(String(d.units)))}${field({ ar: "رخصة البناء", en: "Building licence" }, licence)}</tr>
${d.licenceNote ? `<tr>${field({ ar: "ملاحظات المراقب", en: "Inspector's note" }, auto(d.licenceNote), 5)}</tr>` : ""}
<tr>${field({ ar: "المخالفات", en: "Violations" }, violations, 5)}</tr>
</tbody></table>`;

  const stages = `<table class="stages"><colgroup><col class="seq"><col class="decision"><col><col class="when"><col class="seal"></colgroup><thead><tr>
<th>#</th><th>الإجراء ${en("Decision")}</th><th>الدور والاسم ${en("Role and name")}</th><th>التاريخ والوقت (الكويت) ${en("Kuwait time")}</th><th>المفتاح والتوقيع ${en("Key · signature")}</th>
</tr></thead><tbody>${doc.stages.map(stageRow).join("")}</tbody></table>`;

  const ledger = file.ledger
    ? `<p>سُجّلت بصمة الشهادة في السجل الشفاف لبلدية الكويت (القيد رقم ${ltr(String(file.ledger.seq))} من أصل ${ltr(String(file.ledger.size))}). ${en(`Its content hash is recorded in the municipality's transparency ledger (entry ${file.ledger.seq} of ${file.ledger.size}).`)}</p>`
    : "";
  // Lines may break after a slash of the path, never inside a part of it.
  const url = `<bdi dir="ltr" class="url mono">${escapeHtml(doc.verifyUrl).replace(/([^/])\//g, "$1/<wbr>")}</bdi>`;

  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>شهادة الأوصاف ${escapeHtml(doc.number)} — Property Description Certificate</title>
<style>${STYLE}</style>
</head>
<body>
<div class="frame" aria-hidden="true"></div>
<main class="sheet">
<header class="head">
  <div class="issuer ar"><p>دولة الكويت</p><p class="strong">${escapeHtml(doc.issuer.ar)}</p><p>محافظة ${escapeHtml(p.governorateName.ar)}</p></div>
  <div class="seal-mark" aria-hidden="true"><b>${escapeHtml(doc.issuer.ar)}</b><span>EST. 1930</span></div>
  <div class="issuer en-side" lang="en" dir="ltr"><p>State of Kuwait</p><p class="strong">${escapeHtml(doc.issuer.en)}</p><p>${escapeHtml(p.governorateName.en)} Governorate</p></div>
</header>
<div class="title"><h1>شهادة الأوصاف</h1>${en("Property Description Certificate")}</div>
<dl class="refs">${refs.map(([label, value]) => `<div><dt>${escapeHtml(label.ar)} <small lang="en" dir="ltr">${escapeHtml(label.en)}</small></dt><dd>${value}</dd></div>`).join("")}</dl>
<p class="statement">تشهد ${escapeHtml(doc.issuer.ar)} بأن أوصاف العقار المبيّنة أدناه هي ما أثبته المراقب في الموقع واعتمدته إدارة المساحة وسجّلته وزارة العدل، وقد أُعطيت هذه الشهادة بناءً على طلب صاحب الشأن لغرض: ${escapeHtml(purpose.ar)}.
${en(`${doc.issuer.en} certifies that the property below is as described on site by the inspector, approved by the Survey Department and registered by the Ministry of Justice. Issued at the request of the party concerned for: ${purpose.en}.`)}</p>
${section({ ar: "بيانات العقار والأطراف", en: "The property and the parties" }, property)}
${section({ ar: "وصف العقار كما أثبته المراقب", en: "Description by the inspector" }, description)}
${section({ ar: "مراحل الاعتماد الموقّعة إلكترونياً", en: "Electronically signed stages" }, stages)}
<footer class="verify">
  <div>
    <p><b>للتحقق من صحة هذه الشهادة</b> امسح الرمز أو افتح الرابط المطبوع تحته. كل مرحلة موقّعة إلكترونياً بمفتاح الموظف (${ltr("Ed25519")})، ولا تحتاج الشهادة إلى ختم أو توقيع بخط اليد.
    ${en("To verify this certificate, scan the code or open the link under it. Each stage is signed with the employee's key (Ed25519); no stamp or handwritten signature is needed.")}</p>
    ${ledger}
    <p>بصمة المحتوى ${en("Content hash (SHA-256)")}<code class="hash mono" dir="ltr">${escapeHtml(file.contentHash)}</code></p>
    <p class="validity">هذه الشهادة صالحة حتى ${escapeHtml(kuwaitDate(doc.validUntil, "ar"))} ما لم تُلغَ أو تصدر شهادة أحدث للعقار نفسه؛ صفحة التحقق تبيّن حالتها الحالية.
    ${en(`Valid until ${kuwaitDate(doc.validUntil, "en")} unless revoked or superseded by a newer certificate for the same property; the verification page shows its current status.`)}</p>
  </div>
  <div class="qr">${options.qrSvg}${url}</div>
</footer>
</main>
</body>
</html>
`;
}
