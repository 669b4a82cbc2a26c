import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { ApplyCertificateInput, CertificatePurpose, DocumentKind } from "@baladiya/shared/certificate";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../../app-error";
import { FieldError, invalidProps } from "../../components/field-error";
import { asciiDigits } from "../../digits";
import { kuwaitTime, locale, t, tx, type MessageKey } from "../../i18n";
import { StaffErrorBox, staffIssueText } from "../components/staff-error";
import { st } from "../i18n-staff";
import { go, linkTo } from "../router";
import { staffSession } from "../session";
import { staffError } from "../staff-error";
import { filesApplications } from "./access";
import { certificateSearch } from "./certificate-queue-view";
import { ct } from "./i18n-certificates";
import {
  BLOCK_PATTERN,
  DOCUMENT_KINDS,
  DOCUMENT_LABELS,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_TYPES,
  PHONE_PATTERN,
  PLAN_PATTERN,
  PLOT_PATTERN,
  PURPOSE_LABELS,
  PURPOSES,
  REQUIRED_DOCUMENTS,
} from "./labels";
import { fileApplication, listCertificateAreas, type FiledApplication } from "./queries";
import "./certificates.css";

type Problems = Record<string, string>;

interface Receipt extends FiledApplication {
  filedAt: string;
  place: string;
  purpose: CertificatePurpose;
}

const digitsOnly = (value: string) => asciiDigits(value).replace(/[\s-]/g, "");

/** The field a server issue is about, as this form names it. */
function fieldOf(issue: ErrorIssue): string {
  const [first, second] = issue.path;
  if (first === "property" && typeof second === "string") return second;
  if (first === "documents" && typeof second === "string") return `doc-${second}`;
  return typeof first === "string" ? first : "";
}

function issueMessage(issue: ErrorIssue, field: string): string {
  if (issue.code === "unknown_plot") return ct(field === "planNumber" ? "err.planMismatch" : "err.unknownPlot");
  if (issue.code === "other_branch") return ct("err.otherBranch");
  if (field === "ownerCivilId" || field === "applicantCivilId") return ct("err.civilId");
  if (field === "phone") return ct("err.phone");
  if (field.startsWith("doc-")) {
    if (issue.code === "required") return ct("err.docRequired");
    if (issue.code === "too_big") return ct("err.docSize");
    if (issue.code === "bad_type" || issue.code === "empty") return ct("err.docType");
  }
  return staffIssueText(issue);
}

/**
 * A clerk files an application for a resident at the counter: the resident's own form with the
 * branch fixed to the clerk's governorate; the receipt shows the number and the one-time code.
 */
export function NewApplicationView() {
  const me = () => staffSession()?.me ?? null;
  const governorate = () => me()?.governorateCode ?? "";
  const [areas] = createResource(
    () => (filesApplications() ? governorate() : null),
    (code) => listCertificateAreas(code),
  );
  const sortedAreas = createMemo(() => [...(areas() ?? [])].sort((a, b) => tx(a.name).localeCompare(tx(b.name), locale())));

  const [areaId, setAreaId] = createSignal("");
  const [block, setBlock] = createSignal("");
  const [plot, setPlot] = createSignal("");
  const [plan, setPlan] = createSignal("");
  const [owner, setOwner] = createSignal("");
  const [applicant, setApplicant] = createSignal("");
  const [purpose, setPurpose] = createSignal<CertificatePurpose | "">("");
  const [phone, setPhone] = createSignal("");
  const [note, setNote] = createSignal("");
  const [files, setFiles] = createSignal<Partial<Record<DocumentKind, File>>>({});
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [receipt, setReceipt] = createSignal<Receipt | null>(null);
  const problem = (field: string) => problems()[field] ?? null;
  const fieldProps = (field: string) => invalidProps(`new-${field}-error`, problem(field));

  function pickFile(kind: DocumentKind, input: HTMLInputElement) {
    const file = input.files?.[0];
    setFiles((f) => {
      const next = { ...f };
      if (file) next[kind] = file;
      else delete next[kind];
      return next;
    });
    setProblems(({ [`doc-${kind}`]: _, ...rest }) => rest);
  }

  function check(): Problems {
    const found: Problems = {};
    if (!areaId()) found.areaId = ct("err.area");
    if (!BLOCK_PATTERN.test(digitsOnly(block()))) found.block = ct("err.block");
    if (!PLOT_PATTERN.test(digitsOnly(plot()))) found.plot = ct("err.plot");
    if (!PLAN_PATTERN.test(asciiDigits(plan()).replace(/\s/g, ""))) found.planNumber = ct("err.plan");
    if (!isValidCivilId(digitsOnly(owner()))) found.ownerCivilId = ct("err.civilId");
    if (!isValidCivilId(digitsOnly(applicant()))) found.applicantCivilId = ct("err.civilId");
    if (!purpose()) found.purpose = ct("err.purpose");
    if (phone().trim() && !PHONE_PATTERN.test(digitsOnly(phone()))) found.phone = ct("err.phone");
    if (note().trim().length > 1000) found.note = ct("err.tooLong", { max: 1000 });
    for (const kind of DOCUMENT_KINDS) {
      const file = files()[kind];
      if (!file) {
        if (REQUIRED_DOCUMENTS.has(kind)) found[`doc-${kind}`] = ct("err.docRequired");
      } else if (!DOCUMENT_TYPES.has(file.type)) found[`doc-${kind}`] = ct("err.docType");
      else if (file.size > DOCUMENT_MAX_BYTES) found[`doc-${kind}`] = ct("err.docSize");
    }
    return found;
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`new-${first}`)?.focus();
      return;
    }
    const input: ApplyCertificateInput = {
      property: {
        governorateCode: governorate() as ApplyCertificateInput["property"]["governorateCode"],
        areaId: areaId(),
        block: digitsOnly(block()),
        plot: digitsOnly(plot()).toUpperCase(),
        planNumber: asciiDigits(plan()).replace(/\s/g, ""),
      },
      ownerCivilId: digitsOnly(owner()),
      applicantCivilId: digitsOnly(applicant()),
      purpose: purpose() as CertificatePurpose,
      ...(phone().trim() ? { phone: digitsOnly(phone()) } : {}),
      ...(note().trim() ? { note: note().trim() } : {}),
    };
    const documents = DOCUMENT_KINDS.flatMap((kind) => {
      const file = files()[kind];
      return file ? [{ kind, file }] : [];
    });
    setBusy(true);
    try {
      const filed = await fileApplication(input, documents);
      const area = sortedAreas().find((a) => a.id === areaId());
      setReceipt({
        ...filed,
        filedAt: new Date().toISOString(),
        place: ct("plot.place", { area: area ? tx(area.name) : "", block: input.property.block, plot: input.property.plot }),
        purpose: input.purpose,
      });
      window.scrollTo(0, 0);
    } catch (err) {
      const appError = staffError(err);
      setError(appError);
      const fromServer: Problems = {};
      for (const issue of appError.issues) {
        const field = fieldOf(issue);
        if (field && !fromServer[field]) fromServer[field] = issueMessage(issue, field);
      }
      setProblems(fromServer);
      const firstField = Object.keys(fromServer)[0];
      if (firstField) document.getElementById(`new-${firstField}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setReceipt(null);
    setAreaId("");
    setBlock("");
    setPlot("");
    setPlan("");
    setOwner("");
    setApplicant("");
    setPurpose("");
    setPhone("");
    setNote("");
    setFiles({});
    setProblems({});
    setError(null);
  }

  const textField = (
    field: string,
    label: string,
    value: () => string,
    set: (v: string) => void,
    options: { ltr?: boolean; numeric?: boolean; hint?: string; max?: number } = {},
  ) => (
    <div class="field">
      <label for={`new-${field}`}>{label}</label>
      <input
        id={`new-${field}`}
        dir={options.ltr ? "ltr" : "auto"}
        inputmode={options.numeric ? "numeric" : undefined}
        autocomplete="off"
        maxLength={options.max ?? 40}
        placeholder={options.hint}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
        {...fieldProps(field)}
      />
      <FieldError id={`new-${field}-error`} message={problem(field)} />
    </div>
  );

  return (
    <Show
      when={filesApplications()}
      fallback={
        <p class="panel" role="alert">
          {ct("new.onlyClerks")}
        </p>
      }
    >
      <Show
        when={receipt()}
        fallback={
          <section class="panel wide certificates new-application" aria-labelledby="new-heading">
            <p>
              <a href="/staff/certificates" onClick={(e) => linkTo({ name: "certificates", search: certificateSearch() })(e)}>
                {ct("detail.back")}
              </a>
            </p>
            <h2 id="new-heading">{ct("new.heading")}</h2>
            <p class="muted">{ct("new.intro", { governorate: t(`gov.${governorate()}` as MessageKey) })}</p>
            <form onSubmit={(e) => void submit(e)} novalidate>
              <fieldset>
                <legend>{ct("new.property")}</legend>
                <div class="row">
                  <div class="field">
                    <label for="new-governorate">{ct("new.governorate")}</label>
                    <input id="new-governorate" readOnly value={t(`gov.${governorate()}` as MessageKey)} />
                  </div>
                  <div class="field">
                    <label for="new-areaId">{ct("new.area")}</label>
                    <select
                      id="new-areaId"
                      value={areaId()}
                      disabled={areas.loading}
                      onChange={(e) => setAreaId(e.currentTarget.value)}
                      {...fieldProps("areaId")}
                    >
                      <option value="">{areas.loading ? ct("new.loadingAreas") : ct("new.chooseArea")}</option>
                      <For each={sortedAreas()}>
                        {(a) => (
                          <option value={a.id} selected={areaId() === a.id}>
                            {tx(a.name)}
                          </option>
                        )}
                      </For>
                    </select>
                    <FieldError id="new-areaId-error" message={problem("areaId")} />
                    <Show when={areas.state === "errored"}>
                      <StaffErrorBox error={staffError(areas.error)} />
                    </Show>
                  </div>
                </div>
                <div class="row">
                  {textField("block", ct("new.block"), block, setBlock, { ltr: true, numeric: true, max: 3 })}
                  {textField("plot", ct("new.plot"), plot, setPlot, { ltr: true, max: 5 })}
                  {textField("planNumber", ct("new.plan"), plan, setPlan, { hint: ct("new.planHint"), max: 12 })}
                </div>
              </fieldset>
              <fieldset>
                <legend>{ct("new.people")}</legend>
                <div class="row">
                  {textField("ownerCivilId", ct("new.owner"), owner, setOwner, { ltr: true, numeric: true, max: 14 })}
                  {textField("applicantCivilId", ct("new.applicant"), applicant, setApplicant, {
                    ltr: true,
                    numeric: true,
                    max: 14,
                  })}
                </div>
                <div class="row">
                  <div class="field">
                    <label for="new-purpose">{ct("new.purpose")}</label>
                    <select
                      id="new-purpose"
                      value={purpose()}
                      onChange={(e) => setPurpose(e.currentTarget.value as CertificatePurpose | "")}
                      {...fieldProps("purpose")}
                    >
                      <option value="">{ct("new.choosePurpose")}</option>
                      <For each={PURPOSES}>
                        {(p) => (
                          <option value={p} selected={purpose() === p}>
                            {tx(PURPOSE_LABELS[p])}
                          </option>
                        )}
                      </For>
                    </select>
                    <FieldError id="new-purpose-error" message={problem("purpose")} />
                  </div>
                  {textField("phone", ct("new.phone"), phone, setPhone, { ltr: true, numeric: true, max: 16 })}
                </div>
                <label for="new-note">{ct("new.note")}</label>
                <textarea
                  id="new-note"
                  rows={2}
                  dir="auto"
                  maxLength={1000}
                  value={note()}
                  onInput={(e) => setNote(e.currentTarget.value)}
                  {...fieldProps("note")}
                />
                <FieldError id="new-note-error" message={problem("note")} />
              </fieldset>
              <fieldset>
                <legend>{ct("new.documents")}</legend>
                <p class="muted">{ct("new.docHint")}</p>
                <For each={DOCUMENT_KINDS}>
                  {(kind) => (
                    <div class="field document-field">
                      <label for={`new-doc-${kind}`}>
                        {tx(DOCUMENT_LABELS[kind])}{" "}
                        <span class={REQUIRED_DOCUMENTS.has(kind) ? "required" : "muted"}>
                          ({REQUIRED_DOCUMENTS.has(kind) ? ct("new.required") : ct("new.optional")})
                        </span>
                      </label>
                      {/* The browser's own file button speaks the browser's language: this one speaks the app's. */}
                      <div class="file-pick">
                        <label class="button secondary">
                          {files()[kind] ? ct("new.changeFile") : ct("new.chooseFile")}
                          <input
                            id={`new-doc-${kind}`}
                            class="visually-hidden"
                            type="file"
                            accept="application/pdf,image/jpeg,image/png,image/webp"
                            onChange={(e) => pickFile(kind, e.currentTarget)}
                            {...fieldProps(`doc-${kind}`)}
                          />
                        </label>
                        <span class="file-name" classList={{ muted: !files()[kind] }}>
                          <bdi>{files()[kind]?.name ?? ct("new.noFile")}</bdi>
                        </span>
                      </div>
                      <FieldError id={`new-doc-${kind}-error`} message={problem(`doc-${kind}`)} />
                    </div>
                  )}
                </For>
              </fieldset>
              <StaffErrorBox
                error={error()}
                message={error()?.code === "VALIDATION" && Object.keys(problems()).length > 0 ? ct("form.check") : null}
              />
              <div class="row">
                <button type="submit" class="primary" disabled={busy()}>
                  {busy() ? ct("new.busy") : ct("new.submit")}
                </button>
                <button type="button" class="secondary" onClick={() => go({ name: "certificates", search: certificateSearch() })}>
                  {ct("new.cancel")}
                </button>
              </div>
            </form>
          </section>
        }
      >
        {(r) => <ApplicationReceipt receipt={r()} onAnother={another} />}
      </Show>
    </Show>
  );
}

function Secret(props: { id: string; label: string; value: string }) {
  const [copied, setCopied] = createSignal(false);
  const canCopy = typeof navigator.clipboard?.writeText === "function";
  return (
    <div class="secret">
      <span class="muted" id={`${props.id}-label`}>
        {props.label}
      </span>
      <code dir="ltr" id={props.id} aria-labelledby={`${props.id}-label`}>
        {props.value}
      </code>
      <Show when={canCopy}>
        <button
          type="button"
          class="link no-print"
          onClick={() => void navigator.clipboard.writeText(props.value).then(() => setCopied(true))}
        >
          {copied() ? st("common.copied") : st("common.copy")}
        </button>
      </Show>
    </div>
  );
}

/** What the clerk hands over: the number and the one-time code, printable on its own. */
function ApplicationReceipt(props: { receipt: Receipt; onAnother: () => void }) {
  return (
    <section class="panel success cert-receipt" aria-labelledby="receipt-heading">
      <p class="print-only receipt-title">{ct("receipt.title")}</p>
      <h2 id="receipt-heading">{ct("receipt.heading")}</h2>
      <Secret id="receipt-number" label={ct("receipt.number")} value={props.receipt.number} />
      <Secret id="receipt-token" label={ct("receipt.token")} value={props.receipt.token} />
      <dl class="facts">
        <dt>{ct("detail.property")}</dt>
        <dd>{props.receipt.place}</dd>
        <dt>{ct("detail.purpose")}</dt>
        <dd>{tx(PURPOSE_LABELS[props.receipt.purpose])}</dd>
        <dt>{ct("receipt.filedAt")}</dt>
        <dd>
          <time datetime={props.receipt.filedAt}>{kuwaitTime(props.receipt.filedAt)}</time>
        </dd>
      </dl>
      <p class="receipt-keep">{ct("receipt.keep")}</p>
      <div class="row no-print">
        <button type="button" onClick={() => window.print()}>
          {ct("receipt.print")}
        </button>
        <a
          class="button secondary"
          href={`/staff/certificates/${props.receipt.number}`}
          onClick={linkTo({ name: "certificate", number: props.receipt.number })}
        >
          {ct("receipt.open")}
        </a>
        <button type="button" class="secondary" onClick={() => props.onAnother()}>
          {ct("receipt.another")}
        </button>
      </div>
    </section>
  );
}
