/** A plain-text e-mail to one address. */
export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text; any script (Arabic arrives intact: UTF-8 end to end). */
  text: string;
  /** Content-Language of the message, e.g. "ar". */
  language?: string;
}

/** Sends e-mail (SMTP on Node; the embedded default writes to the log). Throws when not handed over. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}
