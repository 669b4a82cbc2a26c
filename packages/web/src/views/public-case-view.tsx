import { createEffect, createSignal, on, Show } from "solid-js";
import { toAppError, type AppError } from "../app-error";
import { autoRefresh } from "../auto-refresh";
import { CaseDetails } from "../components/case-details";
import { ErrorBox } from "../components/error-box";
import { t } from "../i18n";
import { getPublicCase, type PublicCaseView as PublicCaseData } from "../queries";
import { linkHandler, pathOf, type Route } from "../router";

/** The read-only public page of one report: what anyone may see, with no personal data. */
export function PublicCasePage(props: { trackingNumber: string; back: Route }) {
  const [view, setView] = createSignal<PublicCaseData | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [loading, setLoading] = createSignal(false);

  async function load(n: string) {
    setLoading(true);
    setError(null);
    try {
      setView(await getPublicCase(n));
    } catch (e) {
      setView(null);
      setError(toAppError(e));
    } finally {
      setLoading(false);
    }
  }

  createEffect(
    on(
      () => props.trackingNumber,
      (n) => void load(n),
    ),
  );
  autoRefresh(
    async () => {
      const current = view();
      if (!current) return;
      const fresh = await getPublicCase(current.trackingNumber);
      if (view()?.trackingNumber === fresh.trackingNumber) setView(fresh);
    },
    undefined,
    () => view()?.trackingNumber ?? null,
  );

  return (
    <>
      <p class="back">
        <a href={pathOf(props.back)} onClick={linkHandler(props.back)}>
          {t("public.back")}
        </a>
      </p>
      <Show when={loading() && !view()}>
        <p class="panel muted" role="status">
          {t("common.loading")}
        </p>
      </Show>
      <Show when={error()}>
        <div class="panel">
          <h2>
            <bdi dir="ltr">{props.trackingNumber}</bdi>
          </h2>
          <Show when={error()?.code === "NOT_FOUND"} fallback={<ErrorBox error={error()} />}>
            <p class="error-box" role="alert">
              {t("public.notFound")}
            </p>
          </Show>
          <Show when={error()?.code !== "NOT_FOUND"}>
            <button type="button" class="secondary" onClick={() => void load(props.trackingNumber)}>
              {t("common.retry")}
            </button>
          </Show>
        </div>
      </Show>
      <Show when={view()}>{(v) => <CaseDetails view={v()} />}</Show>
    </>
  );
}
