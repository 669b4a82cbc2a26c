import type { Logger } from "../../ports/logger";
import type { Notifier } from "../../ports/notifier";

/** The embedded default has no SMS gateway: messages go to the server log, where an operator sees them. */
export function createLogNotifier(log: Logger): Notifier {
  return {
    async send(n) {
      log.info("notification", { to: n.to, reference: n.reference, text: n.text[n.locale] });
    },
  };
}
