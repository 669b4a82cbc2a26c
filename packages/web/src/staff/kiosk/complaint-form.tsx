import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { ErrorIssue } from "@baladiya/shared/errors";
import type { AppError } from "../../app-error";
import { FieldError, invalidProps } from "../../components/field-error";
import { asciiDigits } from "../../digits";
import { locale, tx } from "../../i18n";
import { MapView } from "../../map/map-view";
import { listServices } from "../../queries";
import { StaffErrorBox, staffIssueText } from "../components/staff-error";
import { staffErrorLabel } from "../i18n-staff";
import { staffError } from "../staff-error";
import { isImage } from "./call-documents";
import { kt } from "./i18n-kiosk";
import { fileComplaint, type CallDocumentView, type CallResultView } from "./queries";

type Problems = Record<string, string>;

/** Roughly the middle of each governorate: where the map opens before the employee places the pin. */
const GOVERNORATE_CENTRES: Record<string, { lat: number; lng: number }> = {
  "KW-KU": { lat: 29.3697, lng: 47.9783 },
  "KW-HA": { lat: 29.3325, lng: 48.0289 },
  "KW-FA": { lat: 29.2773, lng: 47.9586 },
  "KW-MU": { lat: 29.1933, lng: 48.0788 },
  "KW-AH": { lat: 29.0769, lng: 48.0839 },
  "KW-JA": { lat: 29.3375, lng: 47.6581 },
};

function issueField(issue: ErrorIssue): string {
  const [first] = issue.path;
  if (issue.code === "unknown_service") return "serviceCode";
  return typeof first === "string" ? first : "";
}

function issueMessage(issue: ErrorIssue, field: string): string {
  if (field === "serviceCode") return kt("err.service");
  if (field === "location") return kt("err.location");
  if (field === "description") return kt("err.description");
  if (field === "documentIds") return issue.code === "not_a_photo" ? kt("err.notAPhoto") : kt("err.unknownDocument");
  return staffIssueText(issue);
}

/** The employee files the visitor's complaint: its type, where, what, and which of the visitor's scans are its photos. */
export function ComplaintForm(props: {
  callId: string;
  governorateCode: string;
  /** Where the kiosk stands. */
  near?: { lat: number; lng: number };
  documents: CallDocumentView[];
  onFiled: (result: CallResultView) => void;
}) {
  const [services] = createResource(listServices);
  const sorted = createMemo(() => [...(services() ?? [])].sort((a, b) => tx(a.name).localeCompare(tx(b.name), locale())));
  const [serviceCode, setServiceCode] = createSignal("");
  const [lat, setLat] = createSignal("");
  const [lng, setLng] = createSignal("");
  const [address, setAddress] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [photos, setPhotos] = createSignal<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = createSignal<Problems>({});
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  // The Civil ID card photo identifies the visitor; it is never a complaint's photo.
  const images = () => props.documents.filter((d) => d.direction === "to_staff" && !d.idCard && isImage(d));
  const problem = (field: string) => problems()[field] ?? null;
  const clear = (field: string) => setProblems(({ [field]: _, ...rest }) => rest);
  const fieldProps = (field: string) => invalidProps(`kc-${field}-error`, problem(field));
  const point = () => {
    const la = Number(asciiDigits(lat()).trim());
    const ln = Number(asciiDigits(lng()).trim());
    return lat().trim() && lng().trim() && Number.isFinite(la) && Number.isFinite(ln) ? { lat: la, lng: ln } : null;
  };
  // The map opens where the kiosk stands (a visitor often reports something nearby).
  const centre = props.near ?? GOVERNORATE_CENTRES[props.governorateCode] ?? null;

  function check(): Problems {
    const found: Problems = {};
    if (!serviceCode()) found.serviceCode = kt("err.service");
    const p = point();
    if (!p || p.lat < 28.4 || p.lat > 30.2 || p.lng < 46.5 || p.lng > 48.6) found.location = kt("err.location");
    if (description().trim().length < 5) found.description = kt("err.description");
    return found;
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`kc-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await fileComplaint({
        callId: props.callId,
        serviceCode: serviceCode(),
        location: point()!,
        description: description().trim(),
        ...(address().trim() ? { addressString: address().trim() } : {}),
        documentIds: images()
          .filter((d) => photos().has(d.id))
          .map((d) => d.id),
      });
      props.onFiled(result);
      setDescription("");
      setAddress("");
      setPhotos(new Set<string>());
    } catch (err) {
      const appError = staffError(err);
      const fromServer: Problems = {};
      for (const issue of appError.issues) {
        const field = issueField(issue);
        if (field && !fromServer[field]) fromServer[field] = issueMessage(issue, field);
      }
      if (appError.code === "OUTSIDE_KUWAIT") fromServer.location = kt("err.location");
      if (appError.code === "UNKNOWN_SERVICE") fromServer.serviceCode = kt("err.service");
      setProblems(fromServer);
      setError(appError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="kiosk-form" onSubmit={(e) => void submit(e)} novalidate>
      <label>
        {kt("complaint.service")}
        <select
          id="kc-serviceCode"
          value={serviceCode()}
          onChange={(e) => {
            setServiceCode(e.currentTarget.value);
            clear("serviceCode");
          }}
          {...fieldProps("serviceCode")}
        >
          <option value="">{kt("complaint.chooseService")}</option>
          <For each={sorted()}>
            {(s) => (
              <option value={s.code} title={locale() === "ar" ? s.name.en : s.name.ar}>
                {tx(s.name)} — {tx(s.group)}
              </option>
            )}
          </For>
        </select>
      </label>
      <FieldError id="kc-serviceCode-error" message={problem("serviceCode")} />
      <fieldset class="location">
        <legend>{kt("complaint.map")}</legend>
        <p class="muted" id="kc-location-hint">
          {kt("complaint.locationHint")}
        </p>
        <MapView
          class="kiosk-map"
          label={kt("complaint.map")}
          pin={point()}
          onPinChange={(p) => {
            clear("location");
            setLat(p.lat.toFixed(6));
            setLng(p.lng.toFixed(6));
          }}
          focus={centre ? { ...centre, zoom: 12 } : null}
        />
        <div class="row">
          <label>
            {kt("complaint.lat")}
            <input
              id="kc-location"
              inputMode="decimal"
              dir="ltr"
              value={lat()}
              onInput={(e) => {
                setLat(e.currentTarget.value);
                clear("location");
              }}
              {...fieldProps("location")}
            />
          </label>
          <label>
            {kt("complaint.lng")}
            <input
              inputMode="decimal"
              dir="ltr"
              value={lng()}
              onInput={(e) => {
                setLng(e.currentTarget.value);
                clear("location");
              }}
              {...fieldProps("location")}
            />
          </label>
        </div>
        <FieldError id="kc-location-error" message={problem("location")} />
      </fieldset>
      <label>
        {kt("complaint.address")}
        <input value={address()} maxLength={500} onInput={(e) => setAddress(e.currentTarget.value)} />
      </label>
      <label>
        {kt("complaint.description")}
        <textarea
          id="kc-description"
          rows={3}
          maxLength={4000}
          value={description()}
          onInput={(e) => {
            setDescription(e.currentTarget.value);
            clear("description");
          }}
          {...fieldProps("description")}
        />
      </label>
      <FieldError id="kc-description-error" message={problem("description")} />
      <fieldset class="pick-scans" {...fieldProps("documentIds")}>
        <legend>{kt("complaint.photos")}</legend>
        <Show when={images().length > 0} fallback={<p class="muted">{kt("complaint.noPhotos")}</p>}>
          <For each={images()}>
            {(d) => (
              <label class="scan-pick">
                <input
                  type="checkbox"
                  checked={photos().has(d.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setPhotos((prev) => {
                      const next = new Set(prev);
                      if (on) next.add(d.id);
                      else next.delete(d.id);
                      return next;
                    });
                  }}
                />
                <img src={d.url} alt="" class="doc-thumb small" />
                <bdi>{d.name}</bdi>
              </label>
            )}
          </For>
        </Show>
      </fieldset>
      <FieldError id="kc-documentIds-error" message={problem("documentIds")} />
      <StaffErrorBox
        error={error()}
        message={error() && Object.keys(problems()).length > 0 ? staffErrorLabel(error()!.code) : null}
      />
      <button type="submit" disabled={busy()}>
        {busy() ? kt("form.busy") : kt("complaint.submit")}
      </button>
    </form>
  );
}
