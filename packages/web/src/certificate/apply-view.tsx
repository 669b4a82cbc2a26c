import type { ApplyCertificateInput, CertificatePurpose, DocumentKind } from "@baladiya/shared/certificate";
import { PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import type { GovernorateCode } from "@baladiya/shared/geo";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { FieldError, invalidProps } from "../components/field-error";
import { asciiDigits } from "../digits";
import { locale, t, tx, type MessageKey } from "../i18n";
import { session } from "../session";
import { DocumentsFieldset, documentFiles, documentProblems, type PickedDocuments } from "./documents-fieldset";
import { num } from "./format";
import { focusHeadingOnMount } from "./focus";
import { ct } from "./i18n-certificate";
import { problemsFrom, type Problems } from "./issues";
import { BLOCK_PATTERN, GOVERNORATES, NOTE_MAX, PHONE_PATTERN, PLAN_PATTERN, PLOT_PATTERN, PURPOSES } from "./limits";
import { applyForCertificate, listAreas } from "./queries";
import { ApplicationReceipt } from "./receipt";
import { TextField } from "./text-field";

const digitsOnly = (value: string) => asciiDigits(value).replace(/[\s-]/g, "");
const planOf = (value: string) => asciiDigits(value).replace(/\s/g, "");

/** The resident's application for a property description certificate, with the scanned papers. */
export function ApplyView() {
  focusHeadingOnMount("apply-heading");
  const [governorate, setGovernorate] = createSignal<GovernorateCode | "">("");
  // A failed look-up is a value: a resource that throws would throw again wherever it is read.
  const [areas] = createResource(
    () => governorate() || null,
    (code) =>
      listAreas(code).then(
        (items) => ({ items, failed: false }),
        () => ({ items: [], failed: true }),
      ),
  );
  const sortedAreas = createMemo(() =>
    [...(areas.latest?.items ?? [])].sort((a, b) => tx(a.name).localeCompare(tx(b.name), locale())),
  );
  const [areaId, setAreaId] = createSignal("");
  const [block, setBlock] = createSignal("");
  const [plot, setPlot] = createSignal("");
  const [plan, setPlan] = createSignal("");
  const [owner, setOwner] = createSignal("");
  const [applicant, setApplicant] = createSignal("");
  const [purpose, setPurpose] = createSignal<CertificatePurpose | "">("");
  const [phone, setPhone] = createSignal("");
  const [note, setNote] = createSignal("");
  const [picked, setPicked] = createSignal<PickedDocuments>({});
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [receipt, setReceipt] = createSignal<{ number: string; token: string } | null>(null);

  const problem = (field: string) => problems()[field] ?? null;
  const clear = (field: string) => setProblems(({ [field]: _, ...rest }) => rest);
  const phoneRequired = () => !session();

  function check(): Problems {
    const found: Problems = {};
    if (!governorate()) found.governorateCode = ct("err.governorate");
    if (!areaId()) found.areaId = ct("err.area");
    if (!BLOCK_PATTERN.test(digitsOnly(block()))) found.block = ct("err.block");
    if (!PLOT_PATTERN.test(digitsOnly(plot()))) found.plot = ct("err.plot");
    if (!PLAN_PATTERN.test(planOf(plan()))) found.planNumber = ct("err.plan");
    if (!isValidCivilId(digitsOnly(owner()))) found.ownerCivilId = ct("err.civilId");
    if (!isValidCivilId(digitsOnly(applicant()))) found.applicantCivilId = ct("err.civilId");
    if (!purpose()) found.purpose = ct("err.purpose");
    if (phone().trim() ? !PHONE_PATTERN.test(digitsOnly(phone())) : phoneRequired()) found.phone = ct("err.phone");
    if (note().trim().length > NOTE_MAX) found.note = ct("err.tooLong", { max: num(NOTE_MAX) });
    return { ...found, ...documentProblems(picked(), { requireAll: true }) };
  }

  const focusFirst = (found: Problems) => {
    const first = Object.keys(found)[0];
    if (first) document.getElementById(`apply-${first}`)?.focus();
  };

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirst(found);
    const input: ApplyCertificateInput = {
      property: {
        governorateCode: governorate() as GovernorateCode,
        areaId: areaId(),
        block: digitsOnly(block()),
        plot: digitsOnly(plot()).toUpperCase(),
        planNumber: planOf(plan()),
      },
      ownerCivilId: digitsOnly(owner()),
      applicantCivilId: digitsOnly(applicant()),
      purpose: purpose() as CertificatePurpose,
      ...(phone().trim() ? { phone: digitsOnly(phone()) } : {}),
      ...(note().trim() ? { note: note().trim() } : {}),
    };
    setBusy(true);
    try {
      setReceipt(await applyForCertificate(input, documentFiles(picked())));
      window.scrollTo(0, 0);
      queueMicrotask(() => document.getElementById("receipt-heading")?.focus());
    } catch (err) {
      const appError = toAppError(err);
      const fromServer = problemsFrom(appError);
      setError(appError);
      setProblems(fromServer);
      focusFirst(fromServer);
    } finally {
      setBusy(false);
    }
  }

  const text = (
    field: string,
    label: string,
    value: () => string,
    set: (v: string) => void,
    options: { ltr?: boolean; numeric?: boolean; max?: number; hint?: string; autocomplete?: string } = {},
  ) => (
    <TextField
      id={`apply-${field}`}
      label={label}
      value={value()}
      onInput={(v) => {
        set(v);
        clear(field);
      }}
      problem={problem(field)}
      ltr={options.ltr}
      numeric={options.numeric}
      maxLength={options.max}
      placeholder={options.hint}
      autocomplete={options.autocomplete}
    />
  );

  return (
    <Show
      when={receipt()}
      fallback={
        <section class="panel certificate" aria-labelledby="apply-heading">
          <h2 id="apply-heading">{ct("apply.title")}</h2>
          <p class="muted">{ct("apply.lead")}</p>
          <form onSubmit={(e) => void submit(e)} novalidate>
            <fieldset>
              <legend>{ct("apply.property")}</legend>
              <div class="row">
                <div class="field">
                  <label for="apply-governorateCode">{ct("apply.governorate")}</label>
                  <select
                    id="apply-governorateCode"
                    value={governorate()}
                    onChange={(e) => {
                      setGovernorate(e.currentTarget.value as GovernorateCode | "");
                      setAreaId("");
                      clear("governorateCode");
                    }}
                    {...invalidProps("apply-governorateCode-error", problem("governorateCode"))}
                  >
                    <option value="">{ct("apply.chooseGovernorate")}</option>
                    <For each={GOVERNORATES}>
                      {(code) => (
                        <option value={code} selected={governorate() === code}>
                          {t(`gov.${code}` as MessageKey)}
                        </option>
                      )}
                    </For>
                  </select>
                  <FieldError id="apply-governorateCode-error" message={problem("governorateCode")} />
                </div>
                <div class="field">
                  <label for="apply-areaId">{ct("apply.area")}</label>
                  <select
                    id="apply-areaId"
                    value={areaId()}
                    disabled={!governorate() || areas.loading}
                    onChange={(e) => {
                      setAreaId(e.currentTarget.value);
                      clear("areaId");
                    }}
                    {...invalidProps("apply-areaId-error", problem("areaId"))}
                  >
                    <option value="">
                      {!governorate() ? ct("apply.areaFirst") : areas.loading ? ct("apply.loadingAreas") : ct("apply.chooseArea")}
                    </option>
                    <For each={sortedAreas()}>
                      {(a) => (
                        <option value={a.id} selected={areaId() === a.id}>
                          {tx(a.name)}
                        </option>
                      )}
                    </For>
                  </select>
                  <FieldError
                    id="apply-areaId-error"
                    message={problem("areaId") ?? (areas.latest?.failed ? ct("apply.areasFailed") : null)}
                  />
                </div>
              </div>
              <div class="row">
                {text("block", ct("apply.block"), block, setBlock, { ltr: true, numeric: true, max: 3 })}
                {text("plot", ct("apply.plot"), plot, setPlot, { ltr: true, max: 5 })}
                {text("planNumber", ct("apply.plan"), plan, setPlan, { hint: ct("apply.planHint"), max: 12 })}
              </div>
            </fieldset>
            <fieldset>
              <legend>{ct("apply.parties")}</legend>
              <div class="row">
                {text("ownerCivilId", ct("apply.owner"), owner, setOwner, { ltr: true, numeric: true, max: 14 })}
                {text("applicantCivilId", ct("apply.applicant"), applicant, setApplicant, { ltr: true, numeric: true, max: 14 })}
              </div>
              <div class="row">
                <div class="field">
                  <label for="apply-purpose">{ct("apply.purpose")}</label>
                  <select
                    id="apply-purpose"
                    value={purpose()}
                    onChange={(e) => {
                      setPurpose(e.currentTarget.value as CertificatePurpose | "");
                      clear("purpose");
                    }}
                    {...invalidProps("apply-purpose-error", problem("purpose"))}
                  >
                    <option value="">{ct("apply.choosePurpose")}</option>
                    <For each={PURPOSES}>
                      {(p) => (
                        <option value={p} selected={purpose() === p}>
                          {tx(PURPOSE_LABELS[p])}
                        </option>
                      )}
                    </For>
                  </select>
                  <FieldError id="apply-purpose-error" message={problem("purpose")} />
                </div>
                {text(
                  "phone",
                  phoneRequired() ? ct("apply.phone") : `${ct("apply.phone")} (${ct("form.optional")})`,
                  phone,
                  setPhone,
                  { ltr: true, numeric: true, max: 16, autocomplete: "tel" },
                )}
              </div>
              <Show when={!phoneRequired()}>
                <p class="muted">{ct("apply.phoneSignedIn")}</p>
              </Show>
              <label for="apply-note">
                {ct("apply.note")} <span class="muted">({ct("form.optional")})</span>
              </label>
              <textarea
                id="apply-note"
                rows={2}
                dir="auto"
                maxLength={NOTE_MAX}
                value={note()}
                onInput={(e) => {
                  setNote(e.currentTarget.value);
                  clear("note");
                }}
                {...invalidProps("apply-note-error", problem("note"))}
              />
              <FieldError id="apply-note-error" message={problem("note")} />
            </fieldset>
            <DocumentsFieldset
              idPrefix="apply"
              legend={ct("apply.documents")}
              picked={picked()}
              problems={problems()}
              markRequired
              onChange={(kind: DocumentKind, files) => {
                setPicked((p) => ({ ...p, [kind]: files }));
                clear(`doc-${kind}`);
              }}
            />
            <ErrorBox error={error() && Object.keys(problems()).length === 0 ? error() : null} />
            <Show when={Object.keys(problems()).length > 0}>
              <p class="error-box" role="alert">
                {ct("form.check")}
              </p>
            </Show>
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? ct("apply.sending") : ct("apply.submit")}
            </button>
          </form>
        </section>
      }
    >
      {(r) => <ApplicationReceipt number={r().number} token={r().token} />}
    </Show>
  );
}
