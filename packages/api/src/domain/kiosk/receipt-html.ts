import { formatKuwaitDateTime, type LocalizedText } from "@baladiya/shared/i18n";
import { KIOSK_SERVICE_LABELS, type KioskService } from "@baladiya/shared/kiosk-protocol";
import { escapeHtml } from "../certificate/certificate-html";

const ltr = (text: string) => `<bdi dir="ltr">${escapeHtml(text)}</bdi>`;
const row = (label: LocalizedText, value: string) =>
  `<tr><th scope="row">${escapeHtml(label.ar)}<small lang="en" dir="ltr">${escapeHtml(label.en)}</small></th><td>${value}</td></tr>`;

export interface ReceiptFacts {
  kind: "case" | "certificate";
  ref: string;
  title: LocalizedText;
  service: KioskService;
  kiosk: { name: LocalizedText; place: LocalizedText };
  employee: LocalizedText;
  filedAt: string;
  trackUrl: string;
}

const STYLE = `
@page { size: 80mm 200mm; margin: 4mm; }
* { box-sizing: border-box; }
html { font-family: "Amiri", "Noto Naskh Arabic", "Noto Sans Arabic", serif; font-size: 10pt; line-height: 1.35; color: #111; }
body { margin: 0; }
h1 { font-size: 1.25em; margin-block: 0 1mm; text-align: center; color: #0d5c3f; }
h1 small, th small, p small { display: block; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 0.68em; font-weight: normal; color: #444; }
.ref { text-align: center; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 1.5em; font-weight: bold; border: 0.4mm solid #0d5c3f; padding-block: 1.5mm; margin-block: 2mm; }
table { inline-size: 100%; border-collapse: collapse; font-size: 0.9em; }
th, td { text-align: start; vertical-align: top; padding-block: 0.8mm; border-block-end: 0.2mm dashed #999; }
th { inline-size: 38%; font-weight: bold; }
.qr { text-align: center; margin-block: 3mm 1mm; }
.qr svg { inline-size: 38mm; block-size: 38mm; }
.url { display: block; font-family: "DejaVu Sans Mono", monospace; font-size: 0.55em; word-break: break-all; text-align: center; }
p { margin-block: 1.5mm; text-align: center; }
`;

/** The kiosk's receipt: a narrow slip (a receipt printer's roll), Arabic first, its QR code opening the tracking page. */
export function receiptHtml(facts: ReceiptFacts, options: { qrSvg: string }): string {
  const label: Record<ReceiptFacts["kind"], LocalizedText> = {
    case: { ar: "رقم البلاغ", en: "Tracking number" },
    certificate: { ar: "رقم الطلب", en: "Application number" },
  };
  const service = KIOSK_SERVICE_LABELS[facts.service];
  return `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${escapeHtml(facts.ref)}</title><style>${STYLE}</style></head>
<body>
<h1>بلدية الكويت — إيصال<small lang="en" dir="ltr">Kuwait Municipality — Receipt</small></h1>
<p>${escapeHtml(facts.title.ar)}<small lang="en" dir="ltr">${escapeHtml(facts.title.en)}</small></p>
<div class="ref">${ltr(facts.ref)}</div>
<table>
${row(label[facts.kind], ltr(facts.ref))}
${row({ ar: "الخدمة", en: "Service" }, `${escapeHtml(service.ar)}<small lang="en" dir="ltr">${escapeHtml(service.en)}</small>`)}
${row({ ar: "الجهاز", en: "Kiosk" }, `${escapeHtml(facts.kiosk.name.ar)} — ${escapeHtml(facts.kiosk.place.ar)}<small lang="en" dir="ltr">${escapeHtml(facts.kiosk.name.en)} — ${escapeHtml(facts.kiosk.place.en)}</small>`)}
${row({ ar: "الموظف", en: "Employee" }, `${escapeHtml(facts.employee.ar)}<small lang="en" dir="ltr">${escapeHtml(facts.employee.en)}</small>`)}
${row({ ar: "التاريخ", en: "Date" }, `${escapeHtml(formatKuwaitDateTime(facts.filedAt, "ar"))}<small lang="en" dir="ltr">${escapeHtml(formatKuwaitDateTime(facts.filedAt, "en"))}</small>`)}
</table>
<div class="qr">${options.qrSvg}</div>
<span class="url">${escapeHtml(facts.trackUrl)}</span>
<p>امسح الرمز لمتابعة طلبك، أو ادخل بحسابك برقم هاتفك.<small lang="en" dir="ltr">Scan the code to follow it, or sign in with your phone number.</small></p>
</body></html>`;
}
