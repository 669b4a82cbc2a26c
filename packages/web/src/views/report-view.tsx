import { createEffect, createMemo, createResource, createSignal, on, onCleanup, Show } from "solid-js";
import { DESCRIPTION_MAX, type NearbyCase, type SubmitReportInput, type SubmitReportResult } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";
import { toAppError, type AppError } from "../app-error";
import { AttributeFields, type AttributeValues } from "../components/attribute-fields";
import { DuplicatesList } from "../components/duplicates-list";
import { ErrorBox } from "../components/error-box";
import { LocationField } from "../components/location-field";
import { PhotoPicker, type PickedPhoto } from "../components/photo-picker";
import { ReportReceipt } from "../components/report-receipt";
import { ServicePicker } from "../components/service-picker";
import { locale, t, tx } from "../i18n";
import { newKey } from "../ids";
import { saveReport } from "../my-reports";
import { listServices, submitReport } from "../queries";

type Policy = "ask" | "create";
type Created = Extract<SubmitReportResult, { outcome: "created" }>;

const isFilled = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length > 0 : Boolean(v?.trim()));

export function ReportView(props: { onTrack: () => void; onAnother: () => void }) {
  const [services, { refetch }] = createResource(listServices);
  const [serviceCode, setServiceCode] = createSignal<string | null>(null);
  const [point, setPoint] = createSignal<LatLng | null>(null);
  const [attributes, setAttributes] = createSignal<AttributeValues>({});
  const [description, setDescription] = createSignal("");
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [name, setName] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [phase, setPhase] = createSignal<"form" | "duplicates" | "done">("form");
  const [duplicates, setDuplicates] = createSignal<NearbyCase[]>([]);
  const [created, setCreated] = createSignal<Created | null>(null);
  const [sending, setSending] = createSignal(false);
  const [hint, setHint] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);

  // Reading a resource that failed throws; only read it once it has a value.
  const serviceList = () => (services.state === "ready" || services.state === "refreshing" ? services.latest : undefined);
  const service = createMemo(() => serviceList()?.find((s) => s.code === serviceCode()) ?? null);
  const attributeLabels = createMemo(() =>
    Object.fromEntries((service()?.attributes ?? []).map((a) => [`attributes.${a.code}`, tx(a.description)])),
  );

  const draft = createMemo((): Omit<SubmitReportInput, "duplicatePolicy" | "idempotencyKey"> | null => {
    const code = serviceCode();
    const location = point();
    if (!code || !location) return null;
    const filled = Object.entries(attributes()).filter(([, v]) => isFilled(v));
    return {
      serviceCode: code,
      location,
      description: description().trim(),
      attributes: Object.fromEntries(filled),
      reporter: { ...(name().trim() && { name: name().trim() }), ...(phone().trim() && { phone: phone().trim() }) },
      locale: locale(),
    };
  });

  // One key per attempt: a retry of the same report reuses it; any edit starts a new attempt.
  let keys: Partial<Record<Policy, string>> = {};
  createEffect(
    on(
      [draft, photos],
      () => {
        keys = {};
        setHint(null);
      },
      { defer: true },
    ),
  );
  onCleanup(() => photos().forEach((p) => URL.revokeObjectURL(p.url)));

  function missing(): string | null {
    if (!serviceCode()) return t("submit.needService");
    if (!point()) return t("submit.needLocation");
    const empty = service()?.attributes.find((a) => a.required && !isFilled(attributes()[a.code]));
    return empty ? t("submit.needAttribute", { name: tx(empty.description) }) : null;
  }

  async function send(policy: Policy) {
    const base = draft();
    setHint(missing());
    if (!base || hint()) return;
    const idempotencyKey = (keys[policy] ??= newKey());
    setSending(true);
    setError(null);
    try {
      const result = await submitReport(
        { ...base, duplicatePolicy: policy, idempotencyKey },
        photos().map((p) => p.blob),
      );
      if (result.outcome === "possible_duplicates") {
        setDuplicates(result.possibleDuplicates);
        setPhase("duplicates");
      } else {
        saveReport(result.trackingNumber, result.token);
        setCreated(result);
        setPhase("done");
        window.scrollTo(0, 0);
      }
    } catch (e) {
      const appError = toAppError(e);
      if (appError.code === "IDEMPOTENCY_CONFLICT") keys = {};
      setError(appError);
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <Show when={phase() === "done" && created()}>
        {(result) => <ReportReceipt result={result()} onTrack={props.onTrack} onAnother={props.onAnother} />}
      </Show>
      <Show when={phase() === "duplicates"}>
        <DuplicatesList
          cases={duplicates()}
          busy={sending()}
          onSubmitAnyway={() => send("create")}
          onBack={() => setPhase("form")}
        />
        <ErrorBox error={error()} labels={attributeLabels()} />
      </Show>
      <form
        class="panel"
        hidden={phase() !== "form"}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send("ask");
        }}
      >
        <h2>{t("nav.report")}</h2>
        <Show when={services.error !== undefined}>
          <ErrorBox error={toAppError(services.error)} />
          <button type="button" class="secondary" onClick={() => void refetch()}>
            {t("common.retry")}
          </button>
        </Show>
        <Show when={services.loading}>
          <p class="muted">{t("common.loading")}</p>
        </Show>
        <Show when={serviceList()}>
          {(list) => (
            <ServicePicker
              services={list()}
              value={serviceCode()}
              onChange={(code) => {
                setServiceCode(code);
                setAttributes({});
              }}
            />
          )}
        </Show>
        <LocationField onChange={setPoint} />
        <Show when={service()}>
          {(s) => (
            <AttributeFields
              attributes={s().attributes}
              values={attributes()}
              onChange={(code, value) => setAttributes((prev) => ({ ...prev, [code]: value }))}
            />
          )}
        </Show>
        <label for="description">{t("description.label")}</label>
        <textarea
          id="description"
          rows={4}
          maxLength={DESCRIPTION_MAX}
          placeholder={t("description.placeholder")}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <p class="muted counter" aria-live="polite">
          {t("description.counter", { n: description().length, max: DESCRIPTION_MAX })}
        </p>
        <PhotoPicker photos={photos()} onChange={setPhotos} />
        <fieldset>
          <legend>{t("contact.legend")}</legend>
          <p class="muted">{t("contact.hint")}</p>
          <div class="row">
            <label>
              {t("contact.name")}
              <input autocomplete="name" maxLength={120} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <label>
              {t("contact.phone")}
              <input
                type="tel"
                autocomplete="tel"
                dir="ltr"
                placeholder="+965 9xxxxxxx"
                value={phone()}
                onInput={(e) => setPhone(e.currentTarget.value)}
              />
            </label>
          </div>
        </fieldset>
        <ErrorBox error={error()} labels={attributeLabels()} />
        <Show when={hint()}>
          <p class="warning" role="alert">
            {hint()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={sending()}>
          {sending() ? t("submit.sending") : t("submit.button")}
        </button>
      </form>
    </>
  );
}
