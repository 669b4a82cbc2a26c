import { createSignal, createUniqueId, For, Index, Show } from "solid-js";
import type { PropertyDescription, PropertyUse } from "@baladiya/shared/certificate";
import { FieldError, invalidProps } from "../../components/field-error";
import { PhotoPicker, type PickedPhoto } from "../../components/photo-picker";
import { asciiDigits } from "../../digits";
import { tx } from "../../i18n";
import { num } from "../i18n-staff";
import { ct, type CertKey } from "./i18n-certificates";
import { PROPERTY_USES, USE_LABELS, VIOLATION_CODES, VIOLATION_LABELS, type ViolationCode } from "./labels";

interface ViolationDraft {
  code: ViolationCode;
  note: string;
}

type Problems = Record<string, string>;

const MAX_VIOLATIONS = 20;

/** A number as typed on either keyboard (Arabic-Indic digits, the Arabic decimal separator). */
const parseNumber = (raw: string): number | null => {
  const text = asciiDigits(raw).trim().replace(/[٫,]/g, ".");
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : null;
};

function checkNumber(
  raw: string,
  rule: { min: number; exclusiveMin?: boolean; max: number; whole?: boolean },
): { value: number | null; problem: string | null } {
  if (!raw.trim()) return { value: null, problem: ct("err.number") };
  const value = parseNumber(raw);
  if (value === null) return { value: null, problem: ct(raw.trim().startsWith("-") ? "err.notNegative" : "err.number") };
  if (rule.exclusiveMin && value <= rule.min) return { value, problem: ct("err.positive") };
  if (value < rule.min) return { value, problem: ct("err.notNegative") };
  if (rule.whole && !Number.isInteger(value)) return { value, problem: ct("err.whole") };
  if (value > rule.max) return { value, problem: ct("err.max", { max: num(rule.max) }) };
  return { value, problem: null };
}

const show = (n: number | undefined) => (n === undefined ? "" : String(n));

/**
 * The inspector's on-site description: areas and counts checked as typed, the use, whether it
 * matches the licence, the violations found and their photos. Nothing is sent from here: a valid
 * description goes to the decision panel, which asks for confirmation and signs it.
 */
export function DescriptionForm(props: {
  initial: PropertyDescription | null;
  /** Violation photos from an earlier description stay on the application. */
  hasPhotos: boolean;
  actionLabel: string;
  busy: boolean;
  onValid: (description: PropertyDescription, photos: Blob[]) => void;
}) {
  const uid = createUniqueId();
  const id = (field: string) => `${uid}-${field}`;
  const [land, setLand] = createSignal(show(props.initial?.landAreaM2));
  const [built, setBuilt] = createSignal(show(props.initial?.builtAreaM2));
  const [floors, setFloors] = createSignal(show(props.initial?.floors));
  const [units, setUnits] = createSignal(show(props.initial?.units));
  const [use, setUse] = createSignal<PropertyUse | "">(props.initial?.use ?? "");
  const [matches, setMatches] = createSignal(props.initial?.matchesLicence ?? true);
  const [licenceNote, setLicenceNote] = createSignal(props.initial?.licenceNote ?? "");
  const [violations, setViolations] = createSignal<ViolationDraft[]>(props.initial?.violations.map((v) => ({ ...v })) ?? []);
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [problems, setProblems] = createSignal<Problems>({});
  const problem = (field: string) => problems()[field] ?? null;

  const updateViolation = (index: number, patch: Partial<ViolationDraft>) =>
    setViolations((list) => list.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  function addViolation() {
    if (violations().length >= MAX_VIOLATIONS) return;
    setViolations((list) => [...list, { code: "extra_floor", note: "" }]);
    queueMicrotask(() => document.getElementById(id(`violation-${violations().length - 1}-code`))?.focus());
  }
  function removeViolation(index: number) {
    setViolations((list) => list.filter((_, i) => i !== index));
    setProblems({});
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Problems = {};
    const landArea = checkNumber(land(), { min: 0, exclusiveMin: true, max: 1_000_000 });
    const builtArea = checkNumber(built(), { min: 0, max: 5_000_000 });
    const floorCount = checkNumber(floors(), { min: 0, max: 80, whole: true });
    const unitCount = checkNumber(units(), { min: 0, max: 2000, whole: true });
    if (landArea.problem) found.land = landArea.problem;
    if (builtArea.problem) found.built = builtArea.problem;
    if (floorCount.problem) found.floors = floorCount.problem;
    if (unitCount.problem) found.units = unitCount.problem;
    if (!use()) found.use = ct("err.use");
    const note = licenceNote().trim();
    if (note.length > 1000) found.licenceNote = ct("err.tooLong", { max: num(1000) });
    else if (!matches() && !note && violations().length === 0) found.licenceNote = ct("err.licence");
    violations().forEach((v, i) => {
      const text = v.note.trim();
      if (!text) found[`violation-${i}-note`] = ct("err.violationNote");
      else if (text.length > 500) found[`violation-${i}-note`] = ct("err.tooLong", { max: num(500) });
    });
    if (violations().length > 0 && photos().length === 0 && !props.hasPhotos) found.photos = ct("err.photoNeeded");
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(id(first))?.focus();
      return;
    }
    props.onValid(
      {
        landAreaM2: landArea.value!,
        builtAreaM2: builtArea.value!,
        floors: floorCount.value!,
        units: unitCount.value!,
        use: use() as PropertyUse,
        matchesLicence: matches(),
        licenceNote: note,
        violations: violations().map((v) => ({ code: v.code, note: v.note.trim() })),
      },
      photos().map((p) => p.blob),
    );
  }

  const numberField = (
    field: "land" | "built" | "floors" | "units",
    label: CertKey,
    value: () => string,
    set: (v: string) => void,
    decimal: boolean,
  ) => (
    <div class="field">
      <label for={id(field)}>{ct(label)}</label>
      <input
        id={id(field)}
        inputmode={decimal ? "decimal" : "numeric"}
        dir="ltr"
        autocomplete="off"
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
        {...invalidProps(id(`${field}-error`), problem(field))}
      />
      <FieldError id={id(`${field}-error`)} message={problem(field)} />
    </div>
  );

  return (
    <form class="desc-form" onSubmit={submit} novalidate aria-labelledby={id("heading")}>
      <h4 id={id("heading")}>{ct("form.heading")}</h4>
      <div class="number-grid">
        {numberField("land", "form.land", land, setLand, true)}
        {numberField("built", "form.built", built, setBuilt, true)}
        {numberField("floors", "form.floors", floors, setFloors, false)}
        {numberField("units", "form.units", units, setUnits, false)}
      </div>
      <label for={id("use")}>{ct("form.use")}</label>
      <select
        id={id("use")}
        value={use()}
        onChange={(e) => setUse(e.currentTarget.value as PropertyUse | "")}
        {...invalidProps(id("use-error"), problem("use"))}
      >
        <option value="">{ct("form.chooseUse")}</option>
        <For each={PROPERTY_USES}>
          {(u) => (
            <option value={u} selected={use() === u}>
              {tx(USE_LABELS[u])}
            </option>
          )}
        </For>
      </select>
      <FieldError id={id("use-error")} message={problem("use")} />
      <label class="inline">
        <input type="checkbox" checked={matches()} onChange={(e) => setMatches(e.currentTarget.checked)} />
        {ct("form.matches")}
      </label>
      <label for={id("licenceNote")}>{ct("form.licenceNote")}</label>
      <textarea
        id={id("licenceNote")}
        rows={2}
        dir="auto"
        maxLength={1000}
        value={licenceNote()}
        onInput={(e) => setLicenceNote(e.currentTarget.value)}
        aria-describedby={
          problem("licenceNote") ? `${id("licenceNote-hint")} ${id("licenceNote-error")}` : id("licenceNote-hint")
        }
        aria-invalid={problem("licenceNote") ? "true" : undefined}
      />
      <p id={id("licenceNote-hint")} class="muted">
        {ct("form.licenceHint")}
      </p>
      <FieldError id={id("licenceNote-error")} message={problem("licenceNote")} />
      <fieldset class="violations-edit">
        <legend>{ct("form.violations")}</legend>
        <Show when={violations().length === 0}>
          <p class="muted">{ct("form.noViolations")}</p>
        </Show>
        <Index each={violations()}>
          {(v, i) => (
            <div class="violation-edit" role="group" aria-label={ct("form.violationN", { n: num(i + 1) })}>
              <div class="violation-head">
                <strong>{ct("form.violationN", { n: num(i + 1) })}</strong>
                <button type="button" class="link" onClick={() => removeViolation(i)}>
                  {ct("form.removeViolation", { n: num(i + 1) })}
                </button>
              </div>
              <label for={id(`violation-${i}-code`)}>{ct("form.violationCode")}</label>
              <select
                id={id(`violation-${i}-code`)}
                value={v().code}
                onChange={(e) => updateViolation(i, { code: e.currentTarget.value as ViolationCode })}
              >
                <For each={VIOLATION_CODES}>
                  {(code) => (
                    <option value={code} selected={v().code === code}>
                      {tx(VIOLATION_LABELS[code])}
                    </option>
                  )}
                </For>
              </select>
              <label for={id(`violation-${i}-note`)}>{ct("form.violationNote")}</label>
              <textarea
                id={id(`violation-${i}-note`)}
                rows={2}
                dir="auto"
                maxLength={500}
                value={v().note}
                onInput={(e) => updateViolation(i, { note: e.currentTarget.value })}
                {...invalidProps(id(`violation-${i}-note-error`), problem(`violation-${i}-note`))}
              />
              <FieldError id={id(`violation-${i}-note-error`)} message={problem(`violation-${i}-note`)} />
            </div>
          )}
        </Index>
        <button type="button" class="secondary" disabled={violations().length >= MAX_VIOLATIONS} onClick={addViolation}>
          {ct("form.addViolation")}
        </button>
        <Show when={violations().length >= MAX_VIOLATIONS}>
          <p class="muted">{ct("err.tooManyViolations")}</p>
        </Show>
      </fieldset>
      <div class="violation-photos" id={id("photos")} tabIndex={-1}>
        <p class="photos-label">{ct("form.photos")}</p>
        <Show when={props.hasPhotos}>
          <p class="muted">{ct("form.photosKept")}</p>
        </Show>
        <PhotoPicker photos={photos()} onChange={setPhotos} error={problem("photos") ?? undefined} />
      </div>
      <Show when={Object.keys(problems()).length > 0}>
        <p class="field-error" role="alert">
          {ct("form.check")}
        </p>
      </Show>
      <button type="submit" disabled={props.busy}>
        {ct("act.continue", { action: props.actionLabel })}
      </button>
    </form>
  );
}
