import { createEffect, createMemo, createResource, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import type { NearbyCase, SubmitReportInput, SubmitReportResult } from "@baladiya/shared/case";
import type { LatLng } from "@baladiya/shared/geo";
import { DESCRIPTION_MAX, PHOTO_MAX_COUNT } from "@baladiya/shared/limits";
import { toAppError, type AppError } from "../app-error";
import { AttributeFields, type AttributeValues } from "../components/attribute-fields";
import { DuplicatesList } from "../components/duplicates-list";
import { LocationField } from "../components/location-field";
import { PhotoPicker, type PickedPhoto } from "../components/photo-picker";
import { ReportReceipt } from "../components/report-receipt";
import { ServicePicker } from "../components/service-picker";
import { locale, t, tx } from "../i18n";
import { newKey } from "../ids";
import { enqueue, outboxItems, rememberCreated, removeFromOutbox, type OutboxItem } from "../outbox/outbox";
import { OutboxList } from "../outbox/outbox-list";
import { reportProblems, type ReportField } from "../outbox/report-errors";
import { cachedServices, freshServices } from "../outbox/services-cache";
import { submitReport, type Service } from "../queries";
import { navigate } from "../router";

type Policy = "ask" | "create";
type Created = Extract<SubmitReportResult, { outcome: "created" }>;

const isFilled = (v: string | string[] | undefined) => (Array.isArray(v) ? v.length > 0 : Boolean(v?.trim()));

/** The last list seen on this phone first (the form works offline), then the server's. */
function useServices() {
  const cached = cachedServices();
  const [services, { mutate, refetch }] = createResource<Service[]>(() => (cached ? Promise.resolve(cached) : freshServices()));
  if (cached) freshServices().then(mutate, () => undefined);
  return { services, refetch };
}

function FieldMessage(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="field-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

export function ReportView(props: { onTrack: () => void; onAnother: () => void }) {
  const { services, refetch } = useServices();
  const [serviceCode, setServiceCode] = createSignal<string | null>(null);
  const [point, setPoint] = createSignal<LatLng | null>(null);
  const [attributes, setAttributes] = createSignal<AttributeValues>({});
  const [description, setDescription] = createSignal("");
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [name, setName] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [phase, setPhase] = createSignal<"form" | "duplicates" | "done" | "queued">("form");
  const [duplicates, setDuplicates] = createSignal<NearbyCase[]>([]);
  const [created, setCreated] = createSignal<Created | null>(null);
  const [sending, setSending] = createSignal(false);
  const [attempted, setAttempted] = createSignal(false);
  const [error, setError] = createSignal<AppError | null>(null);
  const [editingId, setEditingId] = createSignal<string | null>(null);
  const [online, setOnline] = createSignal(navigator.onLine);

  onMount(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    onCleanup(() => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    });
  });

  // Reading a resource that failed throws; only read it once it has a value.
  const serviceList = () => (services.state === "ready" || services.state === "refreshing" ? services.latest : undefined);
  const service = createMemo(() => serviceList()?.find((s) => s.code === serviceCode()) ?? null);

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
        setError(null);
      },
      { defer: true },
    ),
  );
  onCleanup(() => photos().forEach((p) => URL.revokeObjectURL(p.url)));

  /** What the form can tell before asking the server, field by field. */
  const checks = createMemo((): Partial<Record<ReportField, string>> => {
    const out: Partial<Record<ReportField, string>> = {};
    if (!serviceCode()) out.service = t("submit.needService");
    if (!point()) out.location = t("submit.needLocation");
    const empty = service()?.attributes.find((a) => a.required && !isFilled(attributes()[a.code]));
    if (empty) out.attributes = t("submit.needAttribute", { name: tx(empty.description) });
    if (description().trim().length > DESCRIPTION_MAX) out.description = t("description.tooLong", { max: DESCRIPTION_MAX });
    else if (!description().trim() && photos().length === 0) out.description = t("description.empty");
    if (photos().length > PHOTO_MAX_COUNT) out.photos = t("photos.tooMany", { max: PHOTO_MAX_COUNT });
    return out;
  });
  const problems = createMemo(() => reportProblems(error()));
  const fieldError = (field: ReportField): string | undefined =>
    problems().fields[field] ?? (attempted() ? checks()[field] : undefined);
  const invalid = () => Object.keys(checks()).length > 0;

  // Once the queued report has gone (or been refused), its card in the outbox tells the rest and
  // the form starts afresh for the next report.
  const [queuedId, setQueuedId] = createSignal<string | null>(null);
  createEffect(() => {
    const id = queuedId();
    const item = id ? outboxItems().find((i) => i.id === id) : undefined;
    if (phase() === "queued" && item && item.state !== "waiting") props.onAnother();
  });

  async function queue(input: SubmitReportInput & { idempotencyKey: string }, blobs: Blob[]) {
    const item = await enqueue({ input, photos: blobs, serviceName: service()?.name ?? null });
    setQueuedId(item.id);
    const replaced = editingId();
    if (replaced && replaced !== input.idempotencyKey) await removeFromOutbox(replaced);
    setEditingId(null);
    setPhase("queued");
    window.scrollTo(0, 0);
  }

  async function send(policy: Policy) {
    setAttempted(true);
    const base = draft();
    if (!base || invalid()) {
      queueMicrotask(() =>
        document
          .querySelector<HTMLElement>(".report-form [aria-invalid='true'], .report-form .field-error")
          ?.scrollIntoView({ block: "center" }),
      );
      return;
    }
    const idempotencyKey = (keys[policy] ??= newKey());
    const input = { ...base, duplicatePolicy: policy, idempotencyKey };
    const blobs = photos().map((p) => p.blob);
    setSending(true);
    setError(null);
    try {
      if (!navigator.onLine) return await queue(input, blobs);
      const result = await submitReport(input, blobs);
      if (result.outcome === "possible_duplicates") {
        setDuplicates(result.possibleDuplicates);
        setPhase("duplicates");
        return;
      }
      rememberCreated(result);
      const replaced = editingId();
      if (replaced) await removeFromOutbox(replaced);
      setEditingId(null);
      setCreated(result);
      setPhase("done");
      window.scrollTo(0, 0);
    } catch (e) {
      const appError = toAppError(e);
      // Interrupted or unreachable: the same report, same key, waits in the outbox. The server
      // may already have it; the key makes the retry return that case instead of a second one.
      if (appError.code === "NETWORK") return await queue(input, blobs);
      if (appError.code === "IDEMPOTENCY_CONFLICT") keys = {};
      setError(appError);
      if (phase() === "duplicates") setPhase("form");
    } finally {
      setSending(false);
    }
  }

  /** A report the server refused after it left the outbox comes back into the form, as typed. */
  function edit(item: OutboxItem) {
    photos().forEach((p) => URL.revokeObjectURL(p.url));
    const input = item.input;
    setServiceCode(input.serviceCode);
    setAttributes((input.attributes ?? {}) as AttributeValues);
    setPoint(input.location);
    setDescription(input.description ?? "");
    setName(input.reporter?.name ?? "");
    setPhone(input.reporter?.phone ?? "");
    setPhotos(item.photos.map((blob) => ({ blob, url: URL.createObjectURL(blob) })));
    setEditingId(item.id);
    setAttempted(true);
    setPhase("form");
    setError(item.error);
    queueMicrotask(() => document.querySelector(".report-form")?.scrollIntoView({ block: "start" }));
  }

  const describedBy = (id: string, field: ReportField) => (fieldError(field) ? id : undefined);

  return (
    <>
      <Show when={phase() === "done" && created()}>
        {(result) => <ReportReceipt result={result()} onTrack={props.onTrack} onAnother={props.onAnother} />}
      </Show>
      <Show when={phase() === "queued"}>
        <section class="panel success" aria-labelledby="queued-heading">
          <h2 id="queued-heading">{t("outbox.queuedTitle")}</h2>
          <p>{t("outbox.queuedText")}</p>
          <button type="button" class="secondary" onClick={() => props.onAnother()}>
            {t("done.another")}
          </button>
        </section>
      </Show>
      <OutboxList onEdit={edit} onTrack={(trackingNumber) => navigate({ name: "track", trackingNumber })} hide={editingId()} />
      <Show when={phase() === "duplicates"}>
        <DuplicatesList
          cases={duplicates()}
          busy={sending()}
          onSubmitAnyway={() => void send("create")}
          onBack={() => setPhase("form")}
        />
      </Show>
      <form
        class="panel report-form"
        hidden={phase() !== "form"}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void send("ask");
        }}
      >
        <h2>{t("nav.report")}</h2>
        <Show when={!online()}>
          <p class="offline-notice" role="status">
            {t("offline.notice")}
          </p>
        </Show>
        <Show when={editingId()}>
          <p class="warning">{t("outbox.editing")}</p>
        </Show>
        <Show when={services.error !== undefined && !serviceList()}>
          <div class="error-box" role="alert">
            <strong>{reportProblems(toAppError(services.error)).other[0]}</strong>
          </div>
          <button type="button" class="secondary" onClick={() => void refetch()}>
            {t("common.retry")}
          </button>
        </Show>
        <Show when={services.loading && !serviceList()}>
          <p class="muted">{t("common.loading")}</p>
        </Show>
        <Show when={serviceList()}>
          {(list) => (
            <ServicePicker
              services={list()}
              value={serviceCode()}
              error={fieldError("service")}
              onChange={(code) => {
                setServiceCode(code);
                setAttributes({});
              }}
            />
          )}
        </Show>
        <LocationField value={point()} onChange={setPoint} error={fieldError("location")} />
        <Show when={service()}>
          {(s) => (
            <AttributeFields
              attributes={s().attributes}
              values={attributes()}
              onChange={(code, value) => setAttributes((prev) => ({ ...prev, [code]: value }))}
            />
          )}
        </Show>
        <FieldMessage id="attributes-error" message={fieldError("attributes")} />
        <label for="description">{t("description.label")}</label>
        <textarea
          id="description"
          rows={4}
          placeholder={t("description.placeholder")}
          value={description()}
          aria-invalid={fieldError("description") ? "true" : undefined}
          aria-describedby={["description-counter", describedBy("description-error", "description")].filter(Boolean).join(" ")}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
        <p id="description-counter" class="muted counter" classList={{ over: description().length > DESCRIPTION_MAX }}>
          {t("description.counter", { n: description().length, max: DESCRIPTION_MAX })}
        </p>
        <FieldMessage id="description-error" message={fieldError("description")} />
        <PhotoPicker photos={photos()} onChange={setPhotos} error={fieldError("photos")} />
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
                aria-invalid={fieldError("contact") ? "true" : undefined}
                aria-describedby={describedBy("contact-error", "contact")}
                onInput={(e) => setPhone(e.currentTarget.value)}
              />
            </label>
          </div>
          <FieldMessage id="contact-error" message={fieldError("contact")} />
        </fieldset>
        <Show when={problems().other.length > 0}>
          <div class="error-box" role="alert">
            {problems().other.map((m) => (
              <p>{m}</p>
            ))}
          </div>
        </Show>
        <Show when={attempted() && invalid()}>
          <p class="warning">{t("submit.checkFields")}</p>
        </Show>
        <button type="submit" class="primary" disabled={sending()}>
          {sending() ? t("submit.sending") : online() ? t("submit.button") : t("submit.queue")}
        </button>
      </form>
    </>
  );
}
