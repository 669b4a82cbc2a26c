import { DOCUMENT_LABELS } from "@baladiya/shared/certificate-labels";
import { createResource, createSignal, For, Show } from "solid-js";
import { autoRefresh } from "../auto-refresh";
import { toAppError, type AppError } from "../app-error";
import { ErrorBox } from "../components/error-box";
import { kuwaitTime, locale, tx } from "../i18n";
import { linkHandler, navigate } from "../router";
import { ct, type CertificateMessage } from "./i18n-certificate";
import { resubmit, trackApplication, type Application } from "./queries";

const textOf = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** "3 hours", "2 days": how long the application has been where it is. */
function ago(since: string): string {
  const minutes = Math.max(1, Math.round((Date.now() - Date.parse(since)) / 60_000));
  const [value, unit] =
    minutes < 60
      ? [minutes, "minute"]
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), "hour"]
        : [Math.round(minutes / 1440), "day"];
  return new Intl.NumberFormat(locale() === "ar" ? "ar-KW" : "en-GB", { style: "unit", unit, unitDisplay: "long" }).format(value);
}

const roleLabel = (role: string) => ct(`role.${role}` as CertificateMessage);

/** The applicant follows an application: stages, where it is now, signed decisions, documents, the certificate. */
export function CertificateTrackView(props: { number: string | null; token: string | null }) {
  const [app, { refetch, mutate }] = createResource(
    () => (props.number ? { number: props.number, token: props.token } : null),
    async (ref) => trackApplication(ref.number, ref.token ?? undefined),
  );
  const [error, setError] = createSignal<AppError | null>(null);
  const failed = (): AppError | null => (app.error ? toAppError(app.error as unknown) : null);
  autoRefresh(async () => {
    if (props.number) await refetch();
  }, 20_000);

  const lookup = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const number = textOf(form, "number").trim().toUpperCase();
    const token = textOf(form, "token").trim();
    navigate({ name: "certificate-track", number, token: token || null });
  };

  const send = async (e: SubmitEvent, a: Application) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const files = (["title_deed", "owner_civil_id", "building_licence", "power_of_attorney"] as const).flatMap((kind) => {
      const f = form.get(kind);
      return f instanceof File && f.size > 0 ? [{ kind, file: f }] : [];
    });
    const note = textOf(form, "note").trim();
    try {
      setError(null);
      mutate(
        await resubmit(
          {
            number: a.number,
            ...(props.token ? { token: props.token } : {}),
            expectedStep: a.stepCount,
            ...(note ? { note } : {}),
          },
          files,
        ),
      );
    } catch (err) {
      setError(toAppError(err));
    }
  };

  return (
    <section class="certificate">
      <h2>{ct("track.title")}</h2>
      <Show when={!props.number || failed()}>
        <Show when={failed()}>
          <p class="error" role="alert">
            {failed()?.code === "NOT_FOUND" ? ct("error.notFound") : ct("error.generic")}
          </p>
        </Show>
        <form class="certificate-form lookup" onSubmit={lookup}>
          <p>{ct("track.lookup")}</p>
          <label class="field">
            <span>{ct("track.number")}</span>
            <input name="number" dir="ltr" required value={props.number ?? ""} placeholder="PD-HA-2026-000123" />
          </label>
          <label class="field">
            <span>{ct("track.token")}</span>
            <input name="token" dir="ltr" value={props.token ?? ""} />
          </label>
          <button type="submit" class="primary">
            {ct("track.open")}
          </button>
        </form>
      </Show>
      <Show when={app.latest}>
        {(a) => (
          <>
            <p class="cert-number" dir="ltr">
              {a().number}
            </p>
            <p class="cert-where">
              <strong>{tx(a().stateLabel)}</strong> — {ct("track.now", { dept: tx(a().department) })}
            </p>
            <h3>{ct("track.stages")}</h3>
            <ol class="stages">
              <For each={a().stages}>
                {(s) => (
                  <li class={`stage stage-${s.status}`} aria-current={s.status === "current" ? "step" : undefined}>
                    <span class="stage-label">{tx(s.label)}</span>
                    <span class="stage-dept">{tx(s.department)}</span>
                    <span class="stage-status">{ct(`stage.${s.status}`)}</span>
                    <Show when={s.status === "current" && s.enteredAt}>
                      <span class="stage-time">{ct("track.since", { ago: ago(s.enteredAt!) })}</span>
                    </Show>
                    <Show when={s.status === "current" && s.dueAt}>
                      <span classList={{ "stage-due": true, overdue: a().overdue }}>
                        {a().overdue ? ct("track.overdue") : ct("track.due", { at: kuwaitTime(s.dueAt!) })}
                      </span>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
            <Show when={a().canResubmit}>
              <form class="certificate-form resubmit" onSubmit={(e) => void send(e, a())}>
                <p class="returned">
                  {ct("track.returned")} <q>{a().returnReason}</q>
                </p>
                <For each={["title_deed", "owner_civil_id", "building_licence", "power_of_attorney"] as const}>
                  {(kind) => (
                    <label class="field">
                      <span>{tx(DOCUMENT_LABELS[kind])}</span>
                      <input type="file" name={kind} accept="application/pdf,image/jpeg,image/png,image/webp" />
                    </label>
                  )}
                </For>
                <label class="field">
                  <span>{ct("track.resubmitNote")}</span>
                  <textarea name="note" rows="2" />
                </label>
                <ErrorBox error={error()} />
                <button type="submit" class="primary">
                  {ct("track.resubmit")}
                </button>
              </form>
            </Show>
            <Show when={a().certificate}>
              {(c) => (
                <div class="issued">
                  <h3>{ct("track.issued")}</h3>
                  <p>
                    <span dir="ltr">{c().number}</span> — {ct(`track.status.${c().status}`)}
                  </p>
                  <Show when={c().pdfUrl} fallback={<p>{ct("track.pdfPending")}</p>}>
                    <a class="primary" href={c().pdfUrl!} download="">
                      {ct("track.download")}
                    </a>
                  </Show>
                  <a href={c().verifyUrl} onClick={linkHandler({ name: "verify", number: c().number })}>
                    {ct("track.verify")}
                  </a>
                </div>
              )}
            </Show>
            <h3>{ct("track.steps")}</h3>
            <ol class="steps">
              <For each={[...a().steps].reverse()}>
                {(s) => (
                  <li>
                    <strong>{tx(s.text)}</strong>
                    <span>
                      {roleLabel(s.role)} · {kuwaitTime(s.at)}
                    </span>
                    <Show when={s.reason}>
                      <q>{s.reason}</q>
                    </Show>
                    <small class="sig">{s.signature ? ct("track.signed", { key: s.keyId ?? "" }) : ct("track.unsigned")}</small>
                  </li>
                )}
              </For>
            </ol>
            <h3>{ct("track.documents")}</h3>
            <ul class="documents">
              <For each={a().documents}>
                {(d) => (
                  <li>
                    <a href={d.url} target="_blank" rel="noopener">
                      {tx(DOCUMENT_LABELS[d.kind])}
                    </a>{" "}
                    <bdi>{d.name}</bdi>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}
