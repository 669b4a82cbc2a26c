import { createResource, createSignal, createUniqueId, For, Show } from "solid-js";
import type { AppError } from "../../app-error";
import { GOVERNORATES } from "../../components/filters";
import { t, tx } from "../../i18n";
import { listServices } from "../../queries";
import { st } from "../i18n-staff";
import { mergeCase, transferCase, type StaffCase } from "../queries";
import { staffError } from "../staff-error";
import { isStale, StaffErrorBox } from "./staff-error";

const NUMBER = /^[A-Za-z]{2}-\d{4}-\d{6,}$/;

/** Sends the case to another branch and/or problem type, with a reason on the timeline. */
export function TransferForm(props: { view: StaffCase; onDone: (view: StaffCase) => void; onStale: () => Promise<void> }) {
  const uid = createUniqueId();
  const [services] = createResource(listServices);
  const [branch, setBranch] = createSignal("");
  const [service, setService] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [problem, setProblem] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    setError(null);
    setDone(false);
    const toBranch = branch() && branch() !== props.view.governorate.code ? branch() : "";
    const toService = service() && service() !== props.view.serviceCode ? service() : "";
    if (!toBranch && !toService) return setProblem(st("transfer.needChange"));
    if (reason().trim().length < 3) {
      setProblem(st("field.tooShort", { min: 3 }));
      document.getElementById(`${uid}-reason`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const view = await transferCase({
        trackingNumber: props.view.trackingNumber,
        reason: reason().trim(),
        expectedUpdatedAt: props.view.updatedAt,
        ...(toBranch ? { governorateCode: toBranch } : {}),
        ...(toService ? { serviceCode: toService } : {}),
      });
      setReason("");
      setBranch("");
      setService("");
      setDone(true);
      props.onDone(view);
    } catch (err) {
      const appError = staffError(err);
      setError(appError);
      if (isStale(appError)) await props.onStale();
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="side-form">
      <summary>{st("transfer.heading")}</summary>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <div class="row">
          <label>
            {st("transfer.branch")}
            <select value={branch()} onChange={(e) => setBranch(e.currentTarget.value)}>
              <option value="">{st("transfer.same")}</option>
              <For each={GOVERNORATES.filter((g) => g !== props.view.governorate.code)}>
                {(g) => <option value={g}>{t(`gov.${g}`)}</option>}
              </For>
            </select>
          </label>
          <label>
            {st("transfer.service")}
            <select value={service()} onChange={(e) => setService(e.currentTarget.value)}>
              <option value="">{st("transfer.same")}</option>
              <For each={(services.state === "ready" ? services() : []).filter((s) => s.code !== props.view.serviceCode)}>
                {(s) => <option value={s.code}>{tx(s.name)}</option>}
              </For>
            </select>
          </label>
        </div>
        <label for={`${uid}-reason`}>{st("transfer.reason")}</label>
        <textarea
          id={`${uid}-reason`}
          rows={2}
          dir="auto"
          maxLength={2000}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <Show when={problem()}>
          <p class="field-error" role="alert">
            {problem()}
          </p>
        </Show>
        <StaffErrorBox
          error={error()}
          message={isStale(error()) ? st("conflict.stale") : null}
          labels={{ reason: st("transfer.reason"), serviceCode: st("transfer.service"), governorateCode: st("transfer.branch") }}
        />
        <Show when={done()}>
          <p class="ok" role="status">
            {st("transfer.done")}
          </p>
        </Show>
        <button type="submit" class="secondary" disabled={busy()}>
          {busy() ? st("action.busy") : st("transfer.submit")}
        </button>
      </form>
    </details>
  );
}

/** Marks the case as a duplicate of another and merges it there. */
export function MergeForm(props: { view: StaffCase; onDone: (view: StaffCase) => void }) {
  const uid = createUniqueId();
  const [into, setInto] = createSignal("");
  const [note, setNote] = createSignal("");
  const [problem, setProblem] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setProblem(null);
    setError(null);
    setDone(null);
    const number = into().trim().toUpperCase();
    if (!NUMBER.test(number)) {
      setProblem(st("merge.invalid"));
      document.getElementById(`${uid}-into`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const view = await mergeCase({
        trackingNumber: props.view.trackingNumber,
        intoTrackingNumber: number,
        ...(note().trim() ? { note: note().trim() } : {}),
      });
      setDone(view.trackingNumber);
      setInto("");
      setNote("");
      props.onDone(view);
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="side-form">
      <summary>{st("merge.heading")}</summary>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <label for={`${uid}-into`}>{st("merge.into")}</label>
        <input
          id={`${uid}-into`}
          dir="ltr"
          autocomplete="off"
          placeholder="HA-2026-000123"
          aria-invalid={problem() ? "true" : undefined}
          value={into()}
          onInput={(e) => setInto(e.currentTarget.value)}
        />
        <label for={`${uid}-note`}>{st("merge.note")}</label>
        <textarea
          id={`${uid}-note`}
          rows={2}
          dir="auto"
          maxLength={2000}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <Show when={problem()}>
          <p class="field-error" role="alert">
            {problem()}
          </p>
        </Show>
        <StaffErrorBox error={error()} labels={{ intoTrackingNumber: st("merge.into"), note: st("merge.note") }} />
        <Show when={done()}>
          {(n) => (
            <p class="ok" role="status">
              {st("merge.done", { number: n() })}
            </p>
          )}
        </Show>
        <button type="submit" class="secondary" disabled={busy()}>
          {busy() ? st("action.busy") : st("merge.submit")}
        </button>
      </form>
    </details>
  );
}
