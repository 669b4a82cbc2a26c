import { Show } from "solid-js";
import { kuwaitTime } from "../../i18n";
import { fd, fnum } from "../i18n-field";
import { myQueue, othersWaiting } from "../queue";
import { online, syncNow, syncStatus } from "../sync";

/** Online or not, what waits to be sent, when the phone last got through, and "sync now". */
export function SyncBar() {
  const waiting = () => myQueue().filter((i) => i.state === "pending").length;
  const problem = () => syncStatus().problem;
  return (
    <section
      class="sync-bar"
      classList={{ offline: !online() }}
      aria-label={fd("sync.now")}
      data-online={online() ? "yes" : "no"}
    >
      <div class="sync-line" role="status">
        <span class="net-dot" aria-hidden="true" />
        <span>{online() ? fd("net.online") : fd("net.offline")}</span>
      </div>
      <div class="sync-line">
        <span class="sync-count" role="status" data-waiting={waiting()}>
          {waiting() > 0 ? fd("sync.waiting", { n: fnum(waiting()) }) : fd("sync.allSent")}
        </span>
        <button type="button" class="secondary sync-now" disabled={syncStatus().running} onClick={() => void syncNow(true)}>
          {syncStatus().running ? fd("sync.running") : fd("sync.now")}
        </button>
      </div>
      <p class="muted">
        {syncStatus().lastSyncAt ? fd("sync.last", { time: kuwaitTime(syncStatus().lastSyncAt!) }) : fd("sync.never")}
      </p>
      <Show when={problem() && online()}>
        <p class="warning" role="alert">
          {problem()!.code === "UNAUTHENTICATED" ? fd("sync.session") : fd("sync.retry")}
        </p>
      </Show>
      <Show when={othersWaiting() > 0}>
        <p class="muted">{fd("sync.others", { n: fnum(othersWaiting()) })}</p>
      </Show>
    </section>
  );
}
