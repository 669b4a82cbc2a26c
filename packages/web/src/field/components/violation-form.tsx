import { createSignal, createUniqueId, For, Show } from "solid-js";
import type { Offender, ViolationType } from "@baladiya/shared/field";
import { isValidCivilId } from "@baladiya/shared/civil-id-check";
import { asciiDigits } from "../../digits";
import { FieldError, invalidProps } from "../../components/field-error";
import { tx } from "../../i18n";
import { fd, fnum } from "../i18n-field";
import { fix } from "../position";
import { heldPhotos, itemKey, keepPhoto, myQueue, recordViolation } from "../queue";
import type { Task } from "../queries";
import { syncNow } from "../sync";
import { LICENCE_NUMBER, VIOLATION_TYPES, violationGroups } from "../violation-types";
import { PhotoStrip } from "./photo-strip";

type Problems = Partial<Record<"type" | "civilId" | "licence" | "description" | "location", string>>;

/** The key of a violation this task's form left unsaved with photos held for it, if any. */
const heldDraft = (taskId: string): string | null =>
  myQueue().find((i) => i.state === "held" && i.taskId === taskId && i.draft)?.draft ?? null;

/**
 * A violation found on site: its type (with the rule it breaks), the offender, a description, where
 * it is and its photos. Photos are kept as they are taken, held until the violation is saved.
 */
export function ViolationForm(props: { task: Task; onClose: (saved: boolean) => void }) {
  const id = createUniqueId();
  // A violation left unsaved with photos held for it is picked up again.
  const key = heldDraft(props.task.id) ?? itemKey();
  const [type, setType] = createSignal<ViolationType | "">("");
  const [kind, setKind] = createSignal<"person" | "business">("person");
  const [civilId, setCivilId] = createSignal("");
  const [licence, setLicence] = createSignal("");
  const [name, setName] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [where, setWhere] = createSignal<"here" | "case">(fix() ? "here" : "case");
  const [problems, setProblems] = createSignal<Problems>({});
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const info = () => (type() ? VIOLATION_TYPES[type() as ViolationType] : null);

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const here = fix();
    const found: Problems = {};
    if (!type()) found.type = fd("violation.typeNeeded");
    const cid = asciiDigits(civilId()).replace(/\s/g, "");
    const lic = asciiDigits(licence()).replace(/\s/g, "");
    if (kind() === "person" && !isValidCivilId(cid)) found.civilId = fd("violation.civilIdInvalid");
    if (kind() === "business" && !LICENCE_NUMBER.test(lic)) found.licence = fd("violation.licenceInvalid");
    if (!description().trim()) found.description = fd("violation.descriptionNeeded");
    if (where() === "here" && !here) found.location = fd("violation.locationNeeded");
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const offenderName = name().trim() ? { name: name().trim() } : {};
    const offender: Offender =
      kind() === "person"
        ? { kind: "person", civilId: cid, ...offenderName }
        : { kind: "business", licenceNumber: lic, ...offenderName };
    setBusy(true);
    setFailed(false);
    try {
      await recordViolation({
        key,
        taskId: props.task.id,
        type: type() as ViolationType,
        location: where() === "here" && here ? { lat: here.lat, lng: here.lng } : props.task.location,
        offender,
        description: description().trim(),
        trackingNumber: props.task.case?.trackingNumber ?? null,
      });
      void syncNow(true);
      props.onClose(true);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel violation-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void save(e)} novalidate>
      <h3 id={`${id}-heading`}>{fd("violation.heading")}</h3>
      <label for={`${id}-type`}>{fd("violation.type")}</label>
      <select
        id={`${id}-type`}
        value={type()}
        onChange={(e) => setType(e.currentTarget.value as ViolationType | "")}
        {...invalidProps(`${id}-type-error`, problems().type ?? null)}
      >
        <option value="">{fd("violation.choose")}</option>
        <For each={violationGroups()}>
          {(group) => (
            <optgroup label={tx(group.group)}>
              <For each={group.types}>{(t) => <option value={t}>{tx(VIOLATION_TYPES[t].name)}</option>}</For>
            </optgroup>
          )}
        </For>
      </select>
      <FieldError id={`${id}-type-error`} message={problems().type ?? null} />
      <Show when={info()}>
        {(i) => (
          <div class="legal" aria-live="polite">
            <p>
              <strong>{fd("violation.legal")}:</strong> {tx(i().legalReference)}
            </p>
            <p class="muted">{fd("violation.remedy", { n: fnum(i().remedyDays) })}</p>
          </div>
        )}
      </Show>

      <fieldset>
        <legend>{fd("violation.offender")}</legend>
        <label class="choice" classList={{ selected: kind() === "person" }}>
          <input type="radio" name={`${id}-kind`} checked={kind() === "person"} onChange={() => setKind("person")} />
          <span>{fd("violation.person")}</span>
        </label>
        <label class="choice" classList={{ selected: kind() === "business" }}>
          <input type="radio" name={`${id}-kind`} checked={kind() === "business"} onChange={() => setKind("business")} />
          <span>{fd("violation.business")}</span>
        </label>
        <Show
          when={kind() === "person"}
          fallback={
            <>
              <label for={`${id}-licence`}>{fd("violation.licence")}</label>
              <input
                id={`${id}-licence`}
                dir="ltr"
                inputmode="numeric"
                autocomplete="off"
                value={licence()}
                onInput={(e) => setLicence(e.currentTarget.value)}
                aria-describedby={problems().licence ? `${id}-licence-hint ${id}-licence-error` : `${id}-licence-hint`}
                aria-invalid={problems().licence ? "true" : undefined}
              />
              <p id={`${id}-licence-hint`} class="muted">
                {fd("violation.licenceHint")}
              </p>
              <FieldError id={`${id}-licence-error`} message={problems().licence ?? null} />
            </>
          }
        >
          <label for={`${id}-civilId`}>{fd("violation.civilId")}</label>
          <input
            id={`${id}-civilId`}
            dir="ltr"
            inputmode="numeric"
            autocomplete="off"
            maxLength={14}
            value={civilId()}
            onInput={(e) => setCivilId(e.currentTarget.value)}
            {...invalidProps(`${id}-civilId-error`, problems().civilId ?? null)}
          />
          <FieldError id={`${id}-civilId-error`} message={problems().civilId ?? null} />
        </Show>
        <label for={`${id}-name`}>{fd("violation.name")}</label>
        <input id={`${id}-name`} maxLength={200} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </fieldset>

      <label for={`${id}-description`}>{fd("violation.description")}</label>
      <textarea
        id={`${id}-description`}
        rows={3}
        maxLength={2000}
        value={description()}
        onInput={(e) => setDescription(e.currentTarget.value)}
        {...invalidProps(`${id}-description-error`, problems().description ?? null)}
      />
      <FieldError id={`${id}-description-error`} message={problems().description ?? null} />

      <fieldset id={`${id}-location`} tabIndex={-1} aria-invalid={problems().location ? "true" : undefined}>
        <legend>{fd("violation.location")}</legend>
        <label class="choice" classList={{ selected: where() === "here" }}>
          <input type="radio" name={`${id}-where`} checked={where() === "here"} onChange={() => setWhere("here")} />
          <span>
            {fix() ? fd("violation.here", { m: fnum(Math.round(fix()?.accuracyM ?? 0)) }) : fd("violation.hereUnknown")}
          </span>
        </label>
        <label class="choice" classList={{ selected: where() === "case" }}>
          <input type="radio" name={`${id}-where`} checked={where() === "case"} onChange={() => setWhere("case")} />
          <span>{fd("violation.caseLocation")}</span>
        </label>
        <FieldError id={`${id}-location-error`} message={problems().location ?? null} />
      </fieldset>

      <fieldset>
        <legend>{fd("violation.photos")}</legend>
        <PhotoStrip
          label={fd("photos.take")}
          photos={heldPhotos(key)}
          onKeep={(photo) => keepPhoto({ taskId: props.task.id, subject: { violationKey: key }, draft: key, ...photo })}
        />
      </fieldset>

      <Show when={failed()}>
        <p class="field-error" role="alert">
          {fd("capture.storage")}
        </p>
      </Show>
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy()}>
          {fd("violation.save")}
        </button>
        <button type="button" class="secondary" onClick={() => props.onClose(false)}>
          {fd("violation.cancel")}
        </button>
      </div>
    </form>
  );
}
