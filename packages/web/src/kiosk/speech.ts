import { createSignal } from "solid-js";
import { kioskLocale } from "./i18n-kiosk";

/**
 * Spoken prompts at each step. Any failure is silent: a headless browser or a machine with no voices
 * simply says nothing.
 */
const [speechMuted, setSpeechMuted] = createSignal(false);
export { setSpeechMuted, speechMuted };

const synth = (): SpeechSynthesis | null => {
  try {
    return typeof window !== "undefined" && "speechSynthesis" in window ? window.speechSynthesis : null;
  } catch {
    return null;
  }
};

export function say(text: string): void {
  const s = synth();
  if (!s || speechMuted() || typeof SpeechSynthesisUtterance === "undefined") return;
  try {
    s.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const lang = kioskLocale() === "ar" ? "ar-KW" : "en-GB";
    utterance.lang = lang;
    const base = lang.slice(0, 2);
    const voices = s.getVoices();
    const voice = voices.find((v) => v.lang === lang) ?? voices.find((v) => v.lang.startsWith(base));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.95;
    s.speak(utterance);
  } catch {
    // No speech on this machine.
  }
}

export function hush(): void {
  try {
    synth()?.cancel();
  } catch {
    // Nothing was speaking.
  }
}
