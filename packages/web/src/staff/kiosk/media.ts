/** Sounds and recordings of the console: a ringing tone for offers, a call's recording with both voices. */

type AudioContextClass = typeof AudioContext;
const AudioCtx = (): AudioContextClass | undefined =>
  (window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass }).AudioContext ??
  (window as unknown as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;

/**
 * Rings (two short tones every two seconds) until stopped. A browser may keep audio suspended
 * until the page has been touched; the visual pulse and the live region still announce the call.
 */
export function startRinging(): () => void {
  const Ctx = AudioCtx();
  if (!Ctx) return () => undefined;
  let ctx: AudioContext;
  try {
    ctx = new Ctx();
  } catch {
    return () => undefined;
  }
  void ctx.resume().catch(() => undefined);
  const beep = (at: number, frequency: number) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.2, at + 0.02);
    gain.gain.linearRampToValueAtTime(0, at + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.4);
  };
  const ring = () => {
    const now = ctx.currentTime;
    beep(now, 880);
    beep(now + 0.45, 660);
  };
  ring();
  const timer = setInterval(ring, 2000);
  return () => {
    clearInterval(timer);
    void ctx.close().catch(() => undefined);
  };
}

export interface CallRecording {
  startedAt: string;
  stop(): Promise<Blob>;
}

const MIME_TYPES = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm"];

export const canRecord = (): boolean => typeof MediaRecorder !== "undefined" && AudioCtx() !== undefined;

/**
 * Records the visitor's video with both voices: the remote audio and the employee's microphone are
 * mixed through WebAudio into one track (MediaRecorder takes one audio track only).
 */
export function startRecording(remote: MediaStream, local: MediaStream | null): CallRecording {
  const Ctx = AudioCtx()!;
  const ctx = new Ctx();
  const mix = ctx.createMediaStreamDestination();
  for (const stream of [remote, local]) {
    const audio = stream?.getAudioTracks().filter((t) => t.readyState === "live") ?? [];
    if (audio.length > 0) ctx.createMediaStreamSource(new MediaStream(audio)).connect(mix);
  }
  const combined = new MediaStream([...remote.getVideoTracks(), ...mix.stream.getAudioTracks()]);
  const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m));
  const recorder = new MediaRecorder(combined, mimeType ? { mimeType } : undefined);
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  recorder.start(1000);
  const startedAt = new Date().toISOString();
  return {
    startedAt,
    stop: () =>
      new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          void ctx.close().catch(() => undefined);
          resolve(new Blob(chunks, { type: "video/webm" }));
        };
        if (recorder.state === "inactive") recorder.onstop(new Event("stop"));
        else recorder.stop();
      }),
  };
}
