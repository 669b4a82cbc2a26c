import type { LocalizedText } from "@baladiya/shared/i18n";

export interface Notification {
  to: { phone: string | null; email: string | null };
  /** The message in both languages; `locale` says which the person chose. */
  text: LocalizedText;
  locale: "ar" | "en";
  /** What it is about, e.g. the tracking number, for delivery logs. */
  reference: string;
}

/** Sends a message to a resident (SMS, e-mail, the Sahel app …). Throws when delivery failed. */
export interface Notifier {
  send(notification: Notification): Promise<void>;
}
