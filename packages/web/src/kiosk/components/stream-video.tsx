import { createEffect, onCleanup } from "solid-js";

/** A <video> showing a MediaStream; `local` mutes it (no echo of the visitor's own voice). */
export function StreamVideo(props: { stream: MediaStream | null; local: boolean; label: string; class?: string }) {
  let video: HTMLVideoElement | undefined;
  createEffect(() => {
    const stream = props.stream;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    if (stream) void video.play().catch(() => undefined);
  });
  onCleanup(() => {
    if (video) video.srcObject = null;
  });
  return (
    <video
      ref={video}
      class={props.class}
      data-remote={props.local ? undefined : ""}
      data-local={props.local ? "" : undefined}
      autoplay
      playsinline
      muted={props.local}
      aria-label={props.label}
    />
  );
}
