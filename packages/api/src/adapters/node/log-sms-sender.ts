import type { Logger } from "../../ports/logger";
import type { SmsSender } from "../../ports/sms-sender";

/**
 * The embedded default has no SMS gateway: sign-in codes are written to the server log (the line
 * "sign-in code" with the phone and the code), where the operator of a demo or a test reads them.
 */
export function createLogSmsSender(log: Logger): SmsSender {
  return {
    async send(message) {
      if (message.purpose === "sign_in_code") log.info("sign-in code", { phone: message.phone, code: message.code });
      else log.info("sms", { phone: message.phone, text: message.text });
    },
  };
}
