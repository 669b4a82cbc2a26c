/** Sends a text message to a Kuwaiti phone. Throws when the message could not be handed over. */
export interface SmsSender {
  send(message: { phone: string; text: string; purpose: "sign_in_code" | "notification"; code?: string }): Promise<void>;
}
