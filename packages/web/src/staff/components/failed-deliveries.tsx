import { createResource, createSignal, For, Show } from "solid-js";
import type { DeliveryChannel } from "@baladiya/shared/notifications";
import type { AppError } from "../../app-error";
import { kuwaitTime } from "../../i18n";
import { num, st, type StaffKey } from "../i18n-staff";
import { listFailedDeliveries, retryDelivery, type FailedDelivery, type RetryOutcome } from "../queries";
import { linkTo } from "../router";
import { staffError } from "../staff-error";
import { StaffErrorBox } from "./staff-error";

const LIMIT = 100;
type Shown = "failed" | "skipped";

const TOPICS = new Map<string, StaffKey>([
  ["case.created", "topic.caseCreated"],
  ["case.updated", "topic.caseUpdated"],
  ["staff.escalation", "topic.staffEscalation"],
]);

const channelLabel = (channel: DeliveryChannel) => st(`channel.${channel}`);
const recipientText = (d: FailedDelivery) => d.recipient ?? st("common.none");

/** What became of one retry, told in the live region with the row it was about. */
interface Told {
  outcome: RetryOutcome;
  delivery: FailedDelivery;
}

function RetryOutcomeText(props: { told: Told }) {
  // The masked recipient is Latin text inside the sentence: isolated so "50****77" keeps its order in Arabic.
  const sentence = (key: StaffKey) => {
    const [before = "", after = ""] = st(key, { channel: channelLabel(props.told.delivery.channel) }).split("{recipient}");
    return (
      <>
        {before}
        <bdi dir="ltr">{recipientText(props.told.delivery)}</bdi>
        {after}
      </>
    );
  };
  return (
    <Show when={props.told.outcome.status !== "sent"} fallback={<p class="ok">{sentence("failures.sent")}</p>}>
      <p class="warning">
        {sentence(props.told.outcome.status === "failed" ? "failures.failedAgain" : "failures.stillFailing")}{" "}
        <bdi dir="ltr" lang="en">
          {props.told.outcome.lastError ?? st("common.none")}
        </bdi>
      </p>
    </Show>
  );
}

/**
 * Messages that did not go out after every automatic try (or had nobody to go to), for
 * administrators; a failed one can be sent again once its channel works.
 */
export function FailedDeliveries() {
  const [shown, setShown] = createSignal<Shown>("failed");
  const [rows, { refetch }] = createResource(shown, (status) => listFailedDeliveries({ status, limit: LIMIT }));
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const [told, setTold] = createSignal<Told | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  // Reading an errored resource throws; the error is shown below instead.
  const list = () => (rows.error ? [] : (rows() ?? []));

  async function retry(delivery: FailedDelivery) {
    setBusyId(delivery.id);
    setError(null);
    setTold(null);
    try {
      setTold({ outcome: await retryDelivery(delivery.id), delivery });
    } catch (err) {
      setError(staffError(err));
    } finally {
      setBusyId(null);
      void refetch();
    }
  }

  return (
    <section aria-labelledby="failures-heading">
      <h3 id="failures-heading">{st("failures.heading")}</h3>
      <p class="muted">{shown() === "failed" ? st("failures.intro") : st("failures.skippedIntro")}</p>
      <label class="failures-show">
        {st("failures.show")}
        <select
          value={shown()}
          onChange={(e) => {
            setTold(null);
            setError(null);
            setShown(e.currentTarget.value as Shown);
          }}
        >
          <option value="failed">{st("failures.showFailed")}</option>
          <option value="skipped">{st("failures.showSkipped")}</option>
        </select>
      </label>
      <div class="retry-outcome" role="status">
        <Show when={told()}>{(t) => <RetryOutcomeText told={t()} />}</Show>
      </div>
      <StaffErrorBox
        error={error() ?? (rows.error ? staffError(rows.error) : null)}
        message={error()?.code === "CONFLICT" ? st("failures.conflict") : null}
      />
      <Show
        when={list().length > 0}
        fallback={
          <p class="muted">
            {rows.loading ? st("common.loading") : shown() === "failed" ? st("failures.noneFailed") : st("failures.noneSkipped")}
          </p>
        }
      >
        <div class="table-wrap">
          <table class="failures-table">
            <caption class="visually-hidden">
              {shown() === "failed" ? st("failures.captionFailed") : st("failures.captionSkipped")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{st("failures.time")}</th>
                <th scope="col">{st("failures.message")}</th>
                <th scope="col">{st("failures.channel")}</th>
                <th scope="col">{st("failures.recipient")}</th>
                <th scope="col">{st("failures.case")}</th>
                <th scope="col">{st("failures.attempts")}</th>
                <th scope="col">{st("failures.lastError")}</th>
                <Show when={shown() === "failed"}>
                  <th scope="col">{st("admin.actions")}</th>
                </Show>
              </tr>
            </thead>
            <tbody>
              <For each={list()}>
                {(d) => (
                  <tr>
                    <td>
                      <time datetime={d.createdAt}>{kuwaitTime(d.createdAt)}</time>
                    </td>
                    <td>
                      <Show when={TOPICS.get(d.topic)} fallback={<code dir="ltr">{d.topic}</code>}>
                        {(key) => st(key())}
                      </Show>
                    </td>
                    <td>{channelLabel(d.channel)}</td>
                    <td>
                      <bdi dir="ltr">{recipientText(d)}</bdi>
                    </td>
                    <td>
                      <Show when={d.trackingNumber} fallback={st("common.none")}>
                        {(n) => (
                          <a href={`/staff/cases/${n()}`} onClick={linkTo({ name: "case", trackingNumber: n() })}>
                            <bdi dir="ltr" class="number">
                              {n()}
                            </bdi>
                          </a>
                        )}
                      </Show>
                    </td>
                    <td>{num(d.attempts)}</td>
                    <td class="last-error" dir="ltr" lang="en">
                      {d.lastError ?? st("common.none")}
                    </td>
                    <Show when={shown() === "failed"}>
                      <td class="row-actions">
                        {/* A message with no channel (an unknown topic) has nowhere to be sent again. */}
                        <Show when={d.status === "failed" && d.channel !== "none"}>
                          <button
                            type="button"
                            class="secondary"
                            disabled={busyId() !== null}
                            aria-label={st("failures.retryFor", {
                              channel: channelLabel(d.channel),
                              recipient: recipientText(d),
                            })}
                            onClick={() => void retry(d)}
                          >
                            {busyId() === d.id ? st("action.busy") : st("failures.retry")}
                          </button>
                        </Show>
                      </td>
                    </Show>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={list().length >= LIMIT}>
          <p class="muted">{st("failures.latest", { n: num(LIMIT) })}</p>
        </Show>
      </Show>
    </section>
  );
}
