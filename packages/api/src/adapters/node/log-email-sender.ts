import type { EmailSender } from "../../ports/email-sender";
import type { Logger } from "../../ports/logger";

/** The embedded default has no mail server (no SMTP_URL): e-mails go to the server log. */
export function createLogEmailSender(log: Logger): EmailSender {
  return {
    async send(message) {
      log.info("email", { to: message.to, subject: message.subject, text: message.text });
    },
  };
}
