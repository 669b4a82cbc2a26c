import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import { CALL_END_LABELS, KIOSK_SERVICE_LABELS, type ServerMessage, type SignalData } from "@baladiya/shared/kiosk-protocol";
import type { AppError } from "../../app-error";
import { kuwaitTime, tx } from "../../i18n";
import { StaffErrorBox } from "../components/staff-error";
import { staffError } from "../staff-error";
import { CallDocuments, DocumentPreview, fileSize } from "./call-documents";
import { CertificateForm } from "./certificate-form";
import { ComplaintForm } from "./complaint-form";
import { kt } from "./i18n-kiosk";
import { canRecord, startRecording, type CallRecording } from "./media";
import { EmployeePeer, type ConnectionView } from "./peer";
import {
  endCall,
  uploadRecording,
  type Agent,
  type CallDocumentView,
  type CallResultView,
  type Recording,
  type StaffCall,
} from "./queries";

/** Two offers this close together (accept's answer and the `connected` message) are one. */
const OFFER_DEBOUNCE_MS = 1500;

const sha = (hash: string) => hash.slice(0, 12);

export const getMedia = (constraints: MediaStreamConstraints): Promise<MediaStream | null> =>
  navigator.mediaDevices?.getUserMedia(constraints).catch(() => null) ?? Promise.resolve(null);

/** Attaches a stream to a <video> whenever either changes. */
function bindVideo(video: () => HTMLVideoElement | undefined, stream: () => MediaStream | null) {
  createEffect(() => {
    const v = video();
    const s = stream();
    if (!v || v.srcObject === s) return;
    v.srcObject = s;
    if (s) void v.play().catch(() => undefined);
  });
}

/** The employee in a call: the visitor on video, who they are, their documents, and filing for them. */
export function StaffCallView(props: {
  call: StaffCall;
  channelOpen: boolean;
  send: (data: SignalData) => boolean;
  listen: (handler: (m: ServerMessage) => void) => () => void;
  onLeave: (agent: Agent | null) => void;
  /** The camera and microphone opened while the call was ringing, if they were. */
  takeMedia: () => Promise<MediaStream | null> | null;
}) {
  const call = props.call;
  const [state, setState] = createSignal(call.state);
  const [endReason, setEndReason] = createSignal<string | null>(null);
  const [connection, setConnection] = createSignal<ConnectionView>("connecting");
  const [local, setLocal] = createSignal<MediaStream | null>(null);
  const [remote, setRemote] = createSignal<MediaStream | null>(null);
  const [noMedia, setNoMedia] = createSignal(false);
  const [muted, setMuted] = createSignal(false);
  const [cameraOff, setCameraOff] = createSignal(false);
  const [documents, setDocuments] = createSignal<CallDocumentView[]>(call.documents);
  const [results, setResults] = createSignal<CallResultView[]>(call.results);
  const [recordings, setRecordings] = createSignal<Recording[]>(call.recordings);
  const [announcement, setAnnouncement] = createSignal("");
  const [filedNote, setFiledNote] = createSignal<string | null>(null);
  const [recording, setRecording] = createSignal<CallRecording | null>(null);
  const [recBusy, setRecBusy] = createSignal(false);
  const [recNote, setRecNote] = createSignal<string | null>(null);
  const [error, setError] = createSignal<AppError | null>(null);
  const [ending, setEnding] = createSignal(false);
  const [finish, setFinish] = createSignal<"complaint" | "certificate">(
    call.service === "certificate" ? "certificate" : "complaint",
  );
  const [remoteVideo, setRemoteVideo] = createSignal<HTMLVideoElement>();
  const [localVideo, setLocalVideo] = createSignal<HTMLVideoElement>();
  const live = () => state() === "active";

  let mediaReady = false;
  let lastOffer = 0;
  const peer = new EmployeePeer({
    iceServers: call.iceServers,
    local,
    send: (data) => void props.send(data),
    onRemote: (stream) => {
      setRemote(null);
      setRemote(stream);
    },
    onState: setConnection,
  });
  /** Offers afresh once the camera is ready; `dedupe` skips an offer made a moment ago for the same reason. */
  const offer = (dedupe = false) => {
    if (!live()) return;
    // Before the camera is ready: the offer made once it is (onMount) covers this one.
    if (!mediaReady) return;
    if (dedupe && Date.now() - lastOffer < OFFER_DEBOUNCE_MS) return;
    lastOffer = Date.now();
    void peer.start();
  };

  const addDocument = (d: CallDocumentView) => setDocuments((list) => (list.some((x) => x.id === d.id) ? list : [...list, d]));

  function stopMedia() {
    peer.close();
    for (const track of local()?.getTracks() ?? []) track.stop();
    setLocal(null);
  }

  const unlisten = props.listen((m) => {
    if (!("callId" in m) || m.callId !== call.callId) return;
    switch (m.type) {
      case "connected":
        offer(true);
        break;
      case "peer_back":
        offer();
        break;
      case "signal":
        void peer.handle(m.data).catch(() => undefined);
        if (m.data.kind === "restart") lastOffer = Date.now();
        break;
      case "document":
        addDocument(m.document);
        if (m.document.direction === "to_staff") setAnnouncement(kt("docs.new", { name: m.document.name }));
        break;
      case "result":
        setResults((list) => (list.some((r) => r.ref === m.result.ref) ? list : [...list, m.result]));
        break;
      case "call":
        setState(m.state);
        if (m.state === "ended" || m.state === "abandoned") {
          setEndReason(m.endReason);
          // What was recorded with the visitor's consent is kept even when they walk away.
          void stopRecording();
          stopMedia();
        }
        break;
    }
  });

  onMount(() => {
    void (async () => {
      const prepared = (await props.takeMedia()) ?? (await getMedia({ audio: true, video: true }));
      if (prepared?.getVideoTracks().length) setLocal(prepared);
      else {
        setNoMedia(true);
        setLocal(prepared ?? (await getMedia({ audio: true })));
      }
      mediaReady = true;
      // After accepting or a reload the kiosk waits for our offer; `connected` may already have come.
      offer();
    })();
  });
  onCleanup(() => {
    unlisten();
    void recording()
      ?.stop()
      .catch(() => undefined);
    stopMedia();
  });

  // Our own channel coming back: the kiosk is not told, so we offer again.
  createEffect(
    on(
      () => props.channelOpen,
      (open, wasOpen) => {
        if (open && wasOpen === false) offer();
      },
      { defer: true },
    ),
  );

  bindVideo(remoteVideo, remote);
  bindVideo(localVideo, local);
  createEffect(() => {
    for (const t of local()?.getAudioTracks() ?? []) t.enabled = !muted();
    for (const t of local()?.getVideoTracks() ?? []) t.enabled = !cameraOff();
  });

  async function stopRecording() {
    const r = recording();
    if (!r) return;
    setRecording(null);
    const blob = await r.stop();
    if (blob.size === 0) return;
    setRecBusy(true);
    setRecNote(kt("rec.uploading"));
    try {
      const saved = await uploadRecording(call.callId, r.startedAt, blob);
      setRecordings((list) => [...list, { ...saved, createdAt: new Date().toISOString() }]);
      setRecNote(kt("rec.saved"));
    } catch (e) {
      setRecNote(null);
      setError(staffError(e));
    } finally {
      setRecBusy(false);
    }
  }

  function toggleRecording() {
    if (recording()) return void stopRecording();
    const stream = remote();
    if (!stream || stream.getVideoTracks().length === 0) {
      setRecNote(kt("rec.noVideo"));
      return;
    }
    setRecNote(null);
    setRecording(startRecording(stream, local()));
  }

  async function end() {
    if (!window.confirm(kt("call.endConfirm"))) return;
    setEnding(true);
    setError(null);
    try {
      await stopRecording();
      const agent = await endCall(call.callId);
      stopMedia();
      props.onLeave(agent);
    } catch (e) {
      setError(staffError(e));
    } finally {
      setEnding(false);
    }
  }

  const idCard = () => documents().find((d) => d.idCard) ?? null;
  const exchanged = () => documents().filter((d) => !d.idCard);
  const v = call.visitor;

  return (
    <section class="kiosk-call" aria-labelledby="kiosk-call-heading" data-call-id={call.callId} data-state={state()}>
      <header class="call-head">
        <div>
          <h3 id="kiosk-call-heading">{kt("call.heading", { service: tx(KIOSK_SERVICE_LABELS[call.service]) })}</h3>
          <p class="muted">{kt("call.kiosk", { kiosk: tx(call.kiosk.name), place: tx(call.kiosk.place) })}</p>
        </div>
        <Show when={live()}>
          <p class={`connection ${connection()}`} role="status" data-connection={connection()}>
            {kt(`call.state.${connection()}`)}
          </p>
        </Show>
      </header>
      <Show when={!live()}>
        <div class="panel call-ended" role="status">
          <p>{endReason() ? tx(CALL_END_LABELS[endReason()!] ?? CALL_END_LABELS.completed!) : kt("call.ended")}</p>
          <button type="button" onClick={() => props.onLeave(null)}>
            {kt("call.back")}
          </button>
        </div>
      </Show>
      <div class="call-grid">
        <div class="call-media">
          <div class="videos">
            <video ref={setRemoteVideo} data-remote autoplay playsinline aria-label={kt("call.remoteVideo")} />
            <video ref={setLocalVideo} data-local autoplay playsinline muted aria-label={kt("call.localVideo")} />
          </div>
          <Show when={noMedia()}>
            <p class="warning">{kt("call.noMedia")}</p>
          </Show>
          <Show when={live()}>
            <div class="media-tools">
              <button type="button" class="secondary" aria-pressed={muted()} onClick={() => setMuted(!muted())}>
                {muted() ? kt("call.unmute") : kt("call.mute")}
              </button>
              <button type="button" class="secondary" aria-pressed={cameraOff()} onClick={() => setCameraOff(!cameraOff())}>
                {cameraOff() ? kt("call.cameraOn") : kt("call.cameraOff")}
              </button>
              <button type="button" class="danger" disabled={ending()} onClick={() => void end()}>
                {ending() ? kt("call.ending") : kt("call.end")}
              </button>
            </div>
          </Show>
          <StaffErrorBox error={error()} />

          <section class="call-recording" aria-labelledby="call-rec-heading">
            <h3 id="call-rec-heading">{kt("rec.heading")}</h3>
            <Show when={call.recordingConsent} fallback={<p class="muted">{kt("rec.noConsent")}</p>}>
              <p class="muted">{kt("rec.consent")}</p>
              <Show when={live()}>
                <Show when={canRecord()} fallback={<p class="warning">{kt("rec.unsupported")}</p>}>
                  <button
                    type="button"
                    class={recording() ? "danger" : "secondary"}
                    aria-pressed={Boolean(recording())}
                    disabled={recBusy()}
                    onClick={toggleRecording}
                  >
                    {recording() ? kt("rec.stop") : kt("rec.start")}
                  </button>
                </Show>
              </Show>
              <p role="status" class="muted">
                <Show when={recording()} fallback={recNote()}>
                  {(r) => (
                    <>
                      <span class="rec-dot" aria-hidden="true" /> {kt("rec.recording", { time: kuwaitTime(r().startedAt) })}
                    </>
                  )}
                </Show>
              </p>
              <Show when={recordings().length > 0} fallback={<p class="muted">{kt("rec.none")}</p>}>
                <ul class="rec-list">
                  <For each={recordings()}>
                    {(r) => (
                      <li data-recording-id={r.id}>
                        <time datetime={r.createdAt}>{kuwaitTime(r.createdAt)}</time> · {fileSize(r.size)} · SHA-256{" "}
                        <code dir="ltr" title={r.sha256}>
                          {sha(r.sha256)}…
                        </code>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </section>
        </div>

        <div class="call-side">
          <section class="visitor" aria-labelledby="visitor-heading">
            <h3 id="visitor-heading">{kt("visitor.heading")}</h3>
            <dl class="facts">
              <dt>{kt("visitor.civilId")}</dt>
              <dd>
                <bdi dir="ltr" data-visitor-civil-id>
                  {v.civilId ?? kt("visitor.unknown")}
                </bdi>
              </dd>
              <dt>{kt("visitor.phone")}</dt>
              <dd>
                <bdi dir="ltr">{v.phone ?? kt("visitor.unknown")}</bdi>
              </dd>
              <dt>{kt("visitor.name")}</dt>
              <dd>{v.name ?? kt("visitor.unknown")}</dd>
              <dt>{kt("visitor.locale")}</dt>
              <dd>{kt(`visitor.locale.${v.locale}`)}</dd>
            </dl>
            <h4>{kt("visitor.idCard")}</h4>
            <Show when={idCard()} fallback={<p class="muted">{kt("visitor.noIdCard")}</p>}>
              {(d) => (
                <div class="id-card" data-document-id={d().id}>
                  <DocumentPreview document={d()} />
                </div>
              )}
            </Show>
          </section>
          <CallDocuments
            callId={call.callId}
            documents={exchanged()}
            announcement={announcement()}
            disabled={!live()}
            onPushed={addDocument}
          />
        </div>
      </div>

      <section class="call-results" aria-labelledby="call-results-heading">
        <h3 id="call-results-heading">{kt("results.heading")}</h3>
        <Show when={filedNote()}>
          <p class="ok" role="status">
            {filedNote()}
          </p>
        </Show>
        <Show when={results().length > 0} fallback={<p class="muted">{kt("results.none")}</p>}>
          <ul class="result-list">
            <For each={results()}>
              {(r) => (
                <li data-result-ref={r.ref} data-result-kind={r.kind}>
                  <strong>
                    {r.kind === "case" ? kt("results.case", { ref: "" }) : kt("results.certificate", { ref: "" })}
                    <bdi dir="ltr">{r.ref}</bdi>
                  </strong>{" "}
                  <a href={r.receiptUrl} target="_blank" rel="noopener">
                    {kt("results.receipt")}
                  </a>{" "}
                  <a href={r.trackUrl} target="_blank" rel="noopener">
                    {kt("results.track")}
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <Show when={live()}>
        <section class="call-finish" aria-labelledby="call-finish-heading">
          <h3 id="call-finish-heading">{kt("finish.heading")}</h3>
          <div class="finish-tabs" role="group" aria-label={kt("finish.heading")}>
            <button type="button" aria-pressed={finish() === "complaint"} onClick={() => setFinish("complaint")}>
              {kt("finish.complaint")}
            </button>
            <button type="button" aria-pressed={finish() === "certificate"} onClick={() => setFinish("certificate")}>
              {kt("finish.certificate")}
            </button>
          </div>
          <Show
            when={finish() === "complaint"}
            fallback={
              <CertificateForm
                callId={call.callId}
                governorateCode={call.kiosk.governorateCode}
                visitorCivilId={v.civilId}
                documents={documents()}
                onFiled={(r) => {
                  setResults((list) => (list.some((x) => x.ref === r.ref) ? list : [...list, r]));
                  setFiledNote(kt("results.filed", { what: kt("results.certificate", { ref: r.ref }) }));
                }}
              />
            }
          >
            <ComplaintForm
              callId={call.callId}
              governorateCode={call.kiosk.governorateCode}
              near={call.kiosk.location}
              documents={documents()}
              onFiled={(r) => {
                setResults((list) => (list.some((x) => x.ref === r.ref) ? list : [...list, r]));
                setFiledNote(kt("results.filed", { what: kt("results.case", { ref: r.ref }) }));
              }}
            />
          </Show>
        </section>
      </Show>
    </section>
  );
}
