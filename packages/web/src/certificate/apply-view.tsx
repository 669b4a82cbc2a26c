import { DOCUMENT_LABELS, PURPOSE_LABELS } from "@baladiya/shared/certificate-labels";
import type { CertificatePurpose, DocumentKind } from "@baladiya/shared/certificate";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import { createResource, createSignal, For, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { asciiDigits } from "../digits";
import { tx } from "../i18n";
import { linkHandler } from "../router";
import { session } from "../session";
import { ct } from "./i18n-certificate";
import { applyForCertificate, listAreas } from "./queries";

const textOf = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

const GOVERNORATES = [
  { code: "KW-KU", name: { ar: "العاصمة", en: "Capital" } },
  { code: "KW-HA", name: { ar: "حولي", en: "Hawalli" } },
  { code: "KW-FA", name: { ar: "الفروانية", en: "Farwaniya" } },
  { code: "KW-MU", name: { ar: "مبارك الكبير", en: "Mubarak Al-Kabeer" } },
  { code: "KW-AH", name: { ar: "الأحمدي", en: "Ahmadi" } },
  { code: "KW-JA", name: { ar: "الجهراء", en: "Jahra" } },
] as const;
const DOCUMENTS: readonly { kind: DocumentKind; required: boolean }[] = [
  { kind: "title_deed", required: true },
  { kind: "owner_civil_id", required: true },
  { kind: "building_licence", required: false },
  { kind: "power_of_attorney", required: false },
];
const MAX_BYTES = 10 * 1024 * 1024;

/** The resident's application for a property description certificate, with the scanned papers. */
export function ApplyView() {
  const [gov, setGov] = createSignal<string>("KW-HA");
  const [areas] = createResource(gov, listAreas);
  const [files, setFiles] = createSignal<Partial<Record<DocumentKind, File>>>({});
  const [local, setLocal] = createSignal<Record<string, string>>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [sending, setSending] = createSignal(false);
  const [receipt, setReceipt] = createSignal<{ number: string; token: string } | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const value = (name: string) => asciiDigits(textOf(form, name).trim());
    const problems: Record<string, string> = {};
    for (const id of ["ownerCivilId", "applicantCivilId"])
      if (!isValidCivilId(value(id))) problems[id] = ct("apply.invalidCivilId");
    for (const d of DOCUMENTS)
      if (d.required && !files()[d.kind]) problems[d.kind] = ct("apply.missing", { doc: tx(DOCUMENT_LABELS[d.kind]) });
    for (const [kind, file] of Object.entries(files())) if (file && file.size > MAX_BYTES) problems[kind] = ct("apply.tooBig");
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    setSending(true);
    setError(null);
    try {
      const phone = value("phone");
      const note = textOf(form, "note").trim();
      const result = await applyForCertificate(
        {
          property: {
            governorateCode: gov() as "KW-HA",
            areaId: value("areaId"),
            block: value("block"),
            plot: value("plot"),
            planNumber: value("planNumber"),
          },
          ownerCivilId: value("ownerCivilId"),
          applicantCivilId: value("applicantCivilId"),
          purpose: value("purpose") as CertificatePurpose,
          ...(phone ? { phone } : {}),
          ...(note ? { note } : {}),
        },
        Object.entries(files()).flatMap(([kind, file]) => (file ? [{ kind, file }] : [])),
      );
      setReceipt(result);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setSending(false);
    }
  };

  const problem = (name: string) =>
    local()[name] ?? error()?.issues.find((i) => i.path.includes(name) || i.path[1] === name)?.message ?? null;
  const field = (name: string, label: string, props: { required?: boolean; inputmode?: "numeric"; dir?: "ltr" } = {}) => (
    <label class="field">
      <span>{label}</span>
      <input
        name={name}
        required={props.required ?? true}
        inputmode={props.inputmode}
        dir={props.dir}
        aria-invalid={problem(name) ? "true" : undefined}
      />
      <Show when={problem(name)}>
        <span class="field-error" role="alert">
          {problem(name)}
        </span>
      </Show>
    </label>
  );

  return (
    <section class="certificate">
      <h2>{ct("apply.title")}</h2>
      <Show
        when={receipt()}
        fallback={
          <form class="certificate-form" onSubmit={(e) => void submit(e)} novalidate>
            <fieldset>
              <legend>{ct("apply.property")}</legend>
              <label class="field">
                <span>{ct("apply.governorate")}</span>
                <select name="governorateCode" value={gov()} onChange={(e) => setGov(e.currentTarget.value)}>
                  <For each={GOVERNORATES}>{(g) => <option value={g.code}>{tx(g.name)}</option>}</For>
                </select>
              </label>
              <label class="field">
                <span>{ct("apply.area")}</span>
                <select name="areaId" required aria-invalid={problem("areaId") ? "true" : undefined}>
                  <option value="">{ct("apply.chooseArea")}</option>
                  <For each={areas() ?? []}>{(a) => <option value={a.id}>{tx(a.name)}</option>}</For>
                </select>
              </label>
              {field("block", ct("apply.block"), { inputmode: "numeric" })}
              {field("plot", ct("apply.plot"), { dir: "ltr" })}
              {field("planNumber", ct("apply.plan"))}
            </fieldset>
            <fieldset>
              <legend>{ct("apply.parties")}</legend>
              {field("ownerCivilId", ct("apply.owner"), { inputmode: "numeric", dir: "ltr" })}
              {field("applicantCivilId", ct("apply.applicant"), { inputmode: "numeric", dir: "ltr" })}
              <label class="field">
                <span>{ct("apply.purpose")}</span>
                <select name="purpose">
                  <For each={Object.entries(PURPOSE_LABELS)}>{([key, label]) => <option value={key}>{tx(label)}</option>}</For>
                </select>
              </label>
              {field("phone", ct("apply.phone"), { required: !session(), inputmode: "numeric", dir: "ltr" })}
              <label class="field">
                <span>{ct("apply.note")}</span>
                <textarea name="note" rows="2" maxLength={1000} />
              </label>
            </fieldset>
            <fieldset>
              <legend>{ct("apply.documents")}</legend>
              <p class="hint">{ct("apply.docHint")}</p>
              <For each={DOCUMENTS}>
                {(d) => (
                  <label class="field">
                    <span>
                      {tx(DOCUMENT_LABELS[d.kind])} <small>({d.required ? ct("apply.required") : ct("apply.optional")})</small>
                    </span>
                    <input
                      type="file"
                      accept="application/pdf,image/jpeg,image/png,image/webp"
                      aria-invalid={problem(d.kind) ? "true" : undefined}
                      onChange={(e) => {
                        const file = e.currentTarget.files?.[0];
                        setFiles((prev) => ({ ...prev, [d.kind]: file }));
                      }}
                    />
                    <Show when={problem(d.kind)}>
                      <span class="field-error" role="alert">
                        {problem(d.kind)}
                      </span>
                    </Show>
                  </label>
                )}
              </For>
            </fieldset>
            <ErrorBox error={error()} />
            <button type="submit" class="primary" disabled={sending()}>
              {sending() ? ct("apply.sending") : ct("apply.submit")}
            </button>
          </form>
        }
      >
        {(r) => (
          <div class="receipt" role="status">
            <h3>{ct("receipt.title")}</h3>
            <dl>
              <dt>{ct("receipt.number")}</dt>
              <dd dir="ltr">{r().number}</dd>
              <dt>{ct("receipt.token")}</dt>
              <dd dir="ltr" class="token">
                {r().token}
              </dd>
            </dl>
            <p>{ct("receipt.keep")}</p>
            <a
              class="primary"
              href={`/certificates/track/${r().number}?token=${encodeURIComponent(r().token)}`}
              onClick={linkHandler({ name: "certificate-track", number: r().number, token: r().token })}
            >
              {ct("receipt.track")}
            </a>
          </div>
        )}
      </Show>
    </section>
  );
}
