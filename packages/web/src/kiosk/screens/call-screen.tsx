import { createSignal, For, Show } from "solid-js";
import { addDocument, call, cameraOn, connection, localStream, micOn, remoteStream, setCamera, setMic } from "../call";
import { CameraCapture, type Captured } from "../components/camera-capture";
import { DocumentList } from "../components/document-list";
import { ResultCard } from "../components/result-card";
import { StreamVideo } from "../components/stream-video";
import { explain } from "../errors";
import { k, kx } from "../i18n-kiosk";
import { hangUp, uploadDocument } from "../session";

/** The video call: the employee large, the visitor small, documents both ways and the results. */
export function CallScreen() {
  const [scanning, setScanning] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  const [ending, setEnding] = createSignal(false);

  async function send(doc: Captured) {
    setBusy(true);
    setProblem(null);
    setStatus(k("call.uploading"));
    try {
      addDocument(await uploadDocument(doc.blob, doc.name));
      setStatus(k("call.uploaded"));
      setScanning(false);
    } catch (error) {
      setStatus(null);
      setProblem(explain(error));
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    setEnding(true);
    try {
      await hangUp();
    } finally {
      setEnding(false);
    }
  }

  return (
    <section class="screen call" data-screen="call" data-connection={connection()} aria-labelledby="call-heading">
      <h1 id="call-heading" tabIndex={-1}>
        {k("call.heading")}
        <Show when={call()?.employee}>{(e) => <span class="employee">{k("call.with", { name: kx(e().name) })}</span>}</Show>
      </h1>
      <div class="stage">
        <StreamVideo stream={remoteStream()} local={false} label={k("call.remote")} class="remote" />
        <StreamVideo stream={localStream()} local label={k("call.local")} class="local" />
        <p class="link-state" classList={{ [connection()]: true }} role="status">
          {connection() === "connected"
            ? k("call.connected")
            : connection() === "reconnecting"
              ? k("call.reconnecting")
              : k("call.connecting")}
        </p>
      </div>
      <div class="controls">
        <button type="button" class="control" aria-pressed={!micOn()} onClick={() => setMic(!micOn())}>
          {micOn() ? k("call.mute") : k("call.unmute")}
        </button>
        <button type="button" class="control" aria-pressed={!cameraOn()} onClick={() => setCamera(!cameraOn())}>
          {cameraOn() ? k("call.cameraOff") : k("call.cameraOn")}
        </button>
        <button type="button" class="control scan" onClick={() => setScanning(true)}>
          {k("call.scan")}
        </button>
        <button type="button" class="control danger" disabled={ending()} onClick={() => void end()}>
          {k("call.end")}
        </button>
      </div>
      <Show when={status()}>
        <p class="notice" role="status">
          {status()}
        </p>
      </Show>
      <Show when={problem() && !scanning()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <For each={call()?.results ?? []}>{(result) => <ResultCard result={result} />}</For>
      <DocumentList documents={call()?.documents ?? []} />
      <Show when={scanning()}>
        <div class="backdrop">
          <div class="dialog wide" role="dialog" aria-modal="true" aria-labelledby="scan-heading">
            <h2 id="scan-heading" tabIndex={-1} ref={(el) => queueMicrotask(() => el.focus())}>
              {k("call.scanHeading")}
            </h2>
            <p>{k("call.scanIntro")}</p>
            <CameraCapture stream={localStream()} pdf busy={busy()} useLabel={k("common.next")} onUse={(d) => void send(d)} />
            <Show when={problem()}>
              <p class="error" role="alert">
                {problem()}
              </p>
            </Show>
            <button type="button" class="secondary" onClick={() => setScanning(false)}>
              {k("call.scanClose")}
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}
