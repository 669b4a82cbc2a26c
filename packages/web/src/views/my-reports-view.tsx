import { createResource, For, Show } from "solid-js";
import { toAppError } from "../app-error";
import { CaseCard } from "../components/case-card";
import { ErrorBox } from "../components/error-box";
import { t } from "../i18n";
import { forgetReport, myReports, type SavedReport } from "../my-reports";
import { listMyCases, lookupCase, type CaseSummary, type CaseView } from "../queries";
import { linkHandler } from "../router";
import { session } from "../session";

type DeviceEntry = { saved: SavedReport; view: CaseView | null; missing: boolean };

const summaryOf = (v: CaseView): CaseSummary => ({
  trackingNumber: v.trackingNumber,
  serviceCode: v.serviceCode,
  serviceName: v.serviceName,
  status: v.status,
  resolution: v.resolution,
  description: v.description,
  location: v.location,
  area: v.area,
  governorate: v.governorate,
  requestedAt: v.requestedAt,
  updatedAt: v.updatedAt,
  dueAt: v.dueAt,
  overdue: v.overdue,
  supportsCount: v.supportsCount,
  thumbUrl: v.photos[0]?.thumbUrl ?? null,
});

/** The resident's reports: those kept on this device and, when signed in, all of the account's. */
export function MyReportsView() {
  const [account, { refetch: refetchAccount }] = createResource(
    () => session()?.token,
    () => listMyCases(),
  );
  // One batched request for every report kept here; a report whose token no longer works says so.
  const [device] = createResource(
    () =>
      myReports()
        .map((r) => `${r.trackingNumber}:${r.token}`)
        .join(","),
    () =>
      Promise.all(
        myReports().map(async (saved): Promise<DeviceEntry> => {
          try {
            return {
              saved,
              view: await lookupCase({ trackingNumber: saved.trackingNumber, token: saved.token }),
              missing: false,
            };
          } catch (e) {
            return { saved, view: null, missing: toAppError(e).code === "NOT_FOUND" };
          }
        }),
      ),
  );

  const accountList = () => (account.state === "ready" ? account() : []);
  const inAccount = (n: string) => accountList().some((c) => c.trackingNumber === n);
  const deviceOnly = () =>
    (device.state === "ready" || device.state === "refreshing" ? (device.latest ?? []) : []).filter(
      (e) => !inAccount(e.saved.trackingNumber),
    );

  return (
    <>
      <Show when={session()}>
        <section class="panel" aria-labelledby="account-reports-heading">
          <h2 id="account-reports-heading">{t("mine.account")}</h2>
          <Show when={account.loading}>
            <p class="muted" role="status">
              {t("common.loading")}
            </p>
          </Show>
          <Show when={account.error !== undefined}>
            <ErrorBox error={toAppError(account.error)} />
            <button type="button" class="secondary" onClick={() => void refetchAccount()}>
              {t("common.retry")}
            </button>
          </Show>
          <Show when={account.state === "ready" && accountList().length === 0}>
            <p class="muted">{t("mine.accountEmpty")}</p>
          </Show>
          <ul class="cards">
            <For each={accountList()}>
              {(c) => <CaseCard summary={c} to={{ name: "track", trackingNumber: c.trackingNumber }} />}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={!session() || deviceOnly().length > 0}>
        <section class="panel" aria-labelledby="device-reports-heading">
          <h2 id="device-reports-heading">{session() ? t("mine.deviceOnly") : t("track.mine")}</h2>
          <Show when={!session()}>
            <p class="muted">
              {t("mine.signInHint")}{" "}
              <a href="/account" onClick={linkHandler({ name: "account" })}>
                {t("account.signIn")}
              </a>
            </p>
          </Show>
          <Show when={myReports().length === 0}>
            <p class="muted">{t("mine.deviceEmpty")}</p>
          </Show>
          <Show when={device.loading && !device.latest}>
            <p class="muted" role="status">
              {t("common.loading")}
            </p>
          </Show>
          <ul class="cards">
            <For each={deviceOnly()}>
              {(entry) => (
                <Show
                  when={entry.view}
                  fallback={
                    <li class="card">
                      <p>
                        <bdi dir="ltr">{entry.saved.trackingNumber}</bdi> —{" "}
                        {entry.missing ? t("mine.tokenGone") : t("error.NETWORK")}
                      </p>
                      <button type="button" class="secondary" onClick={() => forgetReport(entry.saved.trackingNumber)}>
                        {t("track.forget", { n: entry.saved.trackingNumber })}
                      </button>
                    </li>
                  }
                >
                  {(v) => (
                    <CaseCard summary={summaryOf(v())} to={{ name: "track", trackingNumber: entry.saved.trackingNumber }} />
                  )}
                </Show>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </>
  );
}
