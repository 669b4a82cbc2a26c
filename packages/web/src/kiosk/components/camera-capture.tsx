import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { preparePhoto, PhotoProblem } from "../../photos";
import { captureFrame, dropObjectUrl, keepObjectUrl, openCamera, stopStream } from "../camera";
import { k } from "../i18n-kiosk";

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface Captured {
  blob: Blob;
  name: string;
}

/**
 * Photographs a card or a document: a live preview, "Take the photo" draws the frame to a JPEG, then
 * retake or use it. A file input (pictures, or PDF when `pdf`) is the fallback. With `stream` it
 * borrows the call's camera instead of opening its own.
 */
export function CameraCapture(props: {
  stream?: MediaStream | null;
  pdf: boolean;
  busy: boolean;
  useLabel: string;
  onUse: (captured: Captured) => void;
}) {
  let video: HTMLVideoElement | undefined;
  let fileInput: HTMLInputElement | undefined;
  const [own, setOwn] = createSignal<MediaStream | null>(null);
  const [failed, setFailed] = createSignal(false);
  const [shot, setShot] = createSignal<(Captured & { url: string | null }) | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  /** The preview shows a picture: only then is there a frame to take. */
  const [showing, setShowing] = createSignal(false);
  const stream = () => props.stream ?? own();

  onMount(() => {
    if (props.stream) return attach(props.stream);
    openCamera({ audio: false, facing: "environment" })
      .catch(() => openCamera({ audio: false }))
      .then(
        (s) => {
          setOwn(s);
          attach(s);
        },
        () => setFailed(true),
      );
  });

  function attach(s: MediaStream) {
    if (!video) return;
    video.srcObject = s;
    void video.play().catch(() => undefined);
  }

  function clearShot() {
    dropObjectUrl(shot()?.url);
    setShot(null);
  }

  onCleanup(() => {
    clearShot();
    stopStream(own());
    if (video) video.srcObject = null;
    if (fileInput) fileInput.value = "";
  });

  async function take() {
    if (!video) return;
    setProblem(null);
    try {
      const blob = await captureFrame(video);
      clearShot();
      setShot({ blob, name: `scan-${Date.now()}.jpg`, url: keepObjectUrl(blob) });
    } catch {
      setProblem(k("file.unreadable"));
    }
  }

  async function chosen(file: File | undefined) {
    if (fileInput) fileInput.value = "";
    if (!file) return;
    setProblem(null);
    try {
      if (file.type === "application/pdf") {
        if (!props.pdf) throw new PhotoProblem("not_image", file.name);
        if (file.size > MAX_FILE_BYTES) throw new PhotoProblem("too_large", file.name);
        clearShot();
        setShot({ blob: file, name: file.name, url: null });
        return;
      }
      const blob = await preparePhoto(file);
      clearShot();
      setShot({ blob, name: file.name.replace(/\.[^.]+$/, "") + ".jpg", url: keepObjectUrl(blob) });
    } catch (error) {
      setProblem(k(`file.${error instanceof PhotoProblem ? error.kind : "unreadable"}`));
    }
  }

  return (
    <div class="capture">
      <div class="capture-frame">
        <video
          ref={video}
          class="capture-video"
          hidden={Boolean(shot()) || failed()}
          autoplay
          muted
          playsinline
          aria-label={k("camera.preview")}
          onLoadedData={() => setShowing(true)}
          onEmptied={() => setShowing(false)}
        />
        <Show when={!shot() && !failed() && !stream()}>
          <p class="notice overlay">{k("camera.starting")}</p>
        </Show>
        <Show when={!shot() && failed()}>
          <p class="notice">{k("camera.unavailable")}</p>
        </Show>
        <Show when={shot()}>
          {(s) => (
            <Show when={s().url} fallback={<p class="notice">{k("camera.pdfChosen", { name: s().name })}</p>}>
              {(url) => <img class="capture-shot" src={url()} alt={k("camera.captured")} />}
            </Show>
          )}
        </Show>
      </div>
      <Show when={problem()}>
        <p class="error" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="actions">
        <Show
          when={shot()}
          fallback={
            <Show when={!failed()}>
              <button type="button" class="primary" disabled={!stream() || !showing()} onClick={() => void take()}>
                {k("camera.capture")}
              </button>
            </Show>
          }
        >
          {(s) => (
            <>
              <button type="button" class="secondary" disabled={props.busy} onClick={clearShot}>
                {k("camera.retake")}
              </button>
              <button
                type="button"
                class="primary"
                disabled={props.busy}
                onClick={() => props.onUse({ blob: s().blob, name: s().name })}
              >
                {props.busy ? k("common.working") : props.useLabel}
              </button>
            </>
          )}
        </Show>
        <label class="secondary file-button">
          {failed() ? k("camera.fileImage") : k("camera.file")}
          <input
            ref={fileInput}
            type="file"
            class="visually-hidden"
            accept={props.pdf ? "image/*,application/pdf" : "image/*"}
            onChange={(e) => void chosen(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
    </div>
  );
}
