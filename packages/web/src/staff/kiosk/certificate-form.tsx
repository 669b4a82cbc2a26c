import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { CertificatePurpose, DocumentKind } from "@baladiya/shared/certificate";
import { DOCUMENT_LABELS, PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../../app-error";
import { FieldError, invalidProps } from "../../components/field-error";
import { asciiDigits } from "../../digits";
import { locale, t, tx, type MessageKey } from "../../i18n";
import { listCertificateAreas } from "../certificates/queries";
import { StaffErrorBox, staffIssueText } from "../components/staff-error";
import { staffErrorLabel } from "../i18n-staff";
import { staffError } from "../staff-error";
import { DocumentPreview } from "./call-documents";
import { kt } from "./i18n-kiosk";
import { fileCertificate, type CallDocumentView, type CallResultView } from "./queries";

type Problems = Record<string, string>;

const KINDS: readonly DocumentKind[] = ["title_deed", "owner_civil_id", "building_licence", "power_of_attorney", "other"];
const REQUIRED: readonly DocumentKind[] = ["title_deed", "owner_civil_id"];
const PURPOSES = Object.keys(PURPOSE_LABELS) as CertificatePurpose[];
/** The same patterns as PropertyRef (shared/certificate.ts), so a typo is caught before sending. */
const BLOCK = /^\d{1,3}$/;
const PLOT = /^\d{1,4}[A-Za-z]?$/;
const PLAN = /^[A-Za-z\u0621-\u064A]{0,3}[/-]?\d{1,6}$/;

const digitsOnly = (value: string) => asciiDigits(value).replace(/[\s-]/g, "");

/** The form's name for the field a server issue is about (`application.property.block` → `block`). */
function issueField(issue: ErrorIssue): string {
  if (issue.path.includes("documents")) return "documents";
  const named = issue.path.filter((p): p is string => typeof p === "string" && p !== "application" && p !== "property");
  return named[0] ?? "";
}

function issueMessage(issue: ErrorIssue, field: string): string {
  if (issue.code === "unknown_plot") return kt(field === "planNumber" ? "err.planMismatch" : "err.unknownPlot");
  if (issue.code === "unknown_document") return kt("err.unknownDocument");
  switch (field) {
    case "areaId":
      return kt("err.area");
    case "block":
      return kt("err.block");
    case "plot":
      return kt("err.plot");
    case "planNumber":
      return kt("err.plan");
    case "ownerCivilId":
    case "applicantCivilId":
      return kt("err.civilId");
    case "purpose":
      return kt("err.purpose");
    case "documents":
      return issue.code === "required" ? kt("err.docsRequired") : staffIssueText(issue);
    default:
      return staffIssueText(issue);
  }
}

/**
 * A property description certificate application for the visitor: the governorate is the
 * kiosk's, the documents are the visitor's scans, each given its kind.
 */
export function CertificateForm(props: {
  callId: string;
  governorateCode: string;
  visitorCivilId: string | null;
  documents: CallDocumentView[];
  onFiled: (result: CallResultView) => void;
}) {
  const [areas] = createResource(() => props.governorateCode, listCertificateAreas);
  const sortedAreas = createMemo(() => [...(areas() ?? [])].sort((a, b) => tx(a.name).localeCompare(tx(b.name), locale())));
  const [areaId, setAreaId] = createSignal("");
  const [block, setBlock] = createSignal("");
  const [plot, setPlot] = createSignal("");
  const [plan, setPlan] = createSignal("");
  const [owner, setOwner] = createSignal("");
  const [applicant, setApplicant] = createSignal(props.visitorCivilId ?? "");
  const [purpose, setPurpose] = createSignal<CertificatePurpose | "">("");
  const [note, setNote] = createSignal("");
  const [kinds, setKinds] = createSignal<Record<string, DocumentKind | "">>({});
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const scans = () => props.documents.filter((d) => d.direction === "to_staff");
  const problem = (field: string) => problems()[field] ?? null;
  const clear = (field: string) => setProblems(({ [field]: _, ...rest }) => rest);
  const fieldProps = (field: string) => invalidProps(`kf-${field}-error`, problem(field));
  const chosen = () =>
    scans().flatMap((d) => {
      const kind = kinds()[d.id];
      return kind ? [{ kind, documentId: d.id }] : [];
    });

  function check(): Problems {
    const found: Problems = {};
    if (!areaId()) found.areaId = kt("err.area");
    if (!BLOCK.test(digitsOnly(block()))) found.block = kt("err.block");
    if (!PLOT.test(digitsOnly(plot()))) found.plot = kt("err.plot");
    if (!PLAN.test(asciiDigits(plan()).replace(/\s/g, ""))) found.planNumber = kt("err.plan");
    if (!isValidCivilId(digitsOnly(owner()))) found.ownerCivilId = kt("err.civilId");
    if (!isValidCivilId(digitsOnly(applicant()))) found.applicantCivilId = kt("err.civilId");
    if (!purpose()) found.purpose = kt("err.purpose");
    const have = new Set(chosen().map((c) => c.kind));
    if (REQUIRED.some((k) => !have.has(k))) found.documents = kt("err.docsRequired");
    return found;
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`kf-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await fileCertificate({
        callId: props.callId,
        application: {
          property: {
            governorateCode: props.governorateCode,
            areaId: areaId(),
            block: digitsOnly(block()),
            plot: digitsOnly(plot()),
            planNumber: asciiDigits(plan()).replace(/\s/g, ""),
          },
          ownerCivilId: digitsOnly(owner()),
          applicantCivilId: digitsOnly(applicant()),
          purpose: purpose(),
          ...(note().trim() ? { note: note().trim() } : {}),
        },
        documents: chosen(),
      });
      props.onFiled(result);
    } catch (err) {
      const appError = staffError(err);
      const fromServer: Problems = {};
      for (const issue of appError.issues) {
        const field = issueField(issue);
        if (field && !fromServer[field]) fromServer[field] = issueMessage(issue, field);
      }
      setProblems(fromServer);
      setError(appError);
    } finally {
      setBusy(false);
    }
  }

  const text = (id: string, label: string, value: () => string, set: (v: string) => void, ltr = true) => (
    <div class="field">
      <label for={`kf-${id}`}>{label}</label>
      <input
        id={`kf-${id}`}
        dir={ltr ? "ltr" : undefined}
        inputMode={id === "planNumber" ? undefined : "numeric"}
        value={value()}
        onInput={(e) => {
          set(e.currentTarget.value);
          clear(id);
        }}
        {...fieldProps(id)}
      />
      <FieldError id={`kf-${id}-error`} message={problem(id)} />
    </div>
  );

  return (
    <form class="kiosk-form" onSubmit={(e) => void submit(e)} novalidate>
      <p>
        {kt("certificate.governorate")}: <strong>{t(`gov.${props.governorateCode}` as MessageKey)}</strong>
      </p>
      <div class="field">
        <label for="kf-areaId">{kt("certificate.area")}</label>
        <select
          id="kf-areaId"
          value={areaId()}
          onChange={(e) => {
            setAreaId(e.currentTarget.value);
            clear("areaId");
          }}
          {...fieldProps("areaId")}
        >
          <option value="">{kt("certificate.chooseArea")}</option>
          <For each={sortedAreas()}>{(a) => <option value={a.id}>{tx(a.name)}</option>}</For>
        </select>
        <FieldError id="kf-areaId-error" message={problem("areaId")} />
      </div>
      <div class="row">
        {text("block", kt("certificate.block"), block, setBlock)}
        {text("plot", kt("certificate.plot"), plot, setPlot)}
        {text("planNumber", kt("certificate.plan"), plan, setPlan)}
      </div>
      <div class="row">
        {text("ownerCivilId", kt("certificate.owner"), owner, setOwner)}
        {text("applicantCivilId", kt("certificate.applicant"), applicant, setApplicant)}
      </div>
      <div class="field">
        <label for="kf-purpose">{kt("certificate.purpose")}</label>
        <select
          id="kf-purpose"
          value={purpose()}
          onChange={(e) => {
            setPurpose(e.currentTarget.value as CertificatePurpose);
            clear("purpose");
          }}
          {...fieldProps("purpose")}
        >
          <option value="">{kt("certificate.choosePurpose")}</option>
          <For each={PURPOSES}>{(p) => <option value={p}>{tx(PURPOSE_LABELS[p])}</option>}</For>
        </select>
        <FieldError id="kf-purpose-error" message={problem("purpose")} />
      </div>
      <label>
        {kt("certificate.note")}
        <textarea rows={2} maxLength={1000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <fieldset class="pick-scans" id="kf-documents" tabIndex={-1} {...fieldProps("documents")}>
        <legend>{kt("certificate.documents")}</legend>
        <p class="muted">{kt("certificate.required")}</p>
        <Show when={scans().length > 0} fallback={<p class="muted">{kt("docs.none")}</p>}>
          <For each={scans()}>
            {(d) => (
              <div class="scan-kind">
                <DocumentPreview document={d} />
                <label>
                  {kt("certificate.docKind", { name: d.name })}
                  <select
                    value={kinds()[d.id] ?? ""}
                    onChange={(e) => {
                      const kind = e.currentTarget.value as DocumentKind | "";
                      setKinds((k) => ({ ...k, [d.id]: kind }));
                      clear("documents");
                    }}
                  >
                    <option value="">{kt("certificate.notAttached")}</option>
                    <For each={KINDS}>{(k) => <option value={k}>{tx(DOCUMENT_LABELS[k])}</option>}</For>
                  </select>
                </label>
              </div>
            )}
          </For>
        </Show>
      </fieldset>
      <FieldError id="kf-documents-error" message={problem("documents")} />
      <StaffErrorBox
        error={error()}
        message={error() && Object.keys(problems()).length > 0 ? staffErrorLabel(error()!.code) : null}
      />
      <button type="submit" disabled={busy()}>
        {busy() ? kt("form.busy") : kt("certificate.submit")}
      </button>
    </form>
  );
}
