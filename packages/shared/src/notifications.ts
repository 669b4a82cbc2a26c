import { z } from "zod";
import { TrackingNumber } from "./case";

const Base64url = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+=*$/, "Must be base64url")
    .refine((s) => Math.floor((s.replace(/=+$/, "").length * 3) / 4) === bytes, `Must encode ${bytes} bytes`);

/** A browser's push subscription, as PushSubscription.toJSON() gives it. */
export const PushSubscriptionJson = z.object({
  endpoint: z.url().max(2048),
  keys: z.object({ p256dh: Base64url(65), auth: Base64url(16) }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

/**
 * Subscribe a browser to one case (tracking number and its token, or signed in as its owner), or
 * — signed in, with no tracking number — to every case of the resident.
 */
export const SubscribePushInput = z.object({
  subscription: PushSubscriptionJson,
  trackingNumber: TrackingNumber.optional(),
  token: z.string().min(1).max(200).optional(),
});
export type SubscribePushInput = z.input<typeof SubscribePushInput>;

export const SubscribePushResult = z.object({ scope: z.enum(["case", "citizen"]) });
export type SubscribePushResult = z.infer<typeof SubscribePushResult>;

/** Stop: for one case, for the signed-in resident, or — with the endpoint alone — everything it had. */
export const UnsubscribePushInput = z.object({
  endpoint: z.url().max(2048),
  trackingNumber: TrackingNumber.optional(),
  token: z.string().min(1).max(200).optional(),
});
export type UnsubscribePushInput = z.input<typeof UnsubscribePushInput>;

export const DeliveryChannel = z.enum(["sms", "email", "push", "none"]);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

export const ListDeliveriesInput = z.object({
  status: z.enum(["failed", "skipped"]).default("failed"),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListDeliveriesInput = z.input<typeof ListDeliveriesInput>;

/** A message that did not go out, for administrators; the recipient is masked. */
export const DeliveryItem = z.object({
  id: z.string(),
  topic: z.string(),
  channel: DeliveryChannel,
  recipient: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  status: z.enum(["pending", "sent", "failed", "skipped"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type DeliveryItem = z.infer<typeof DeliveryItem>;

export const RetryDeliveryInput = z.object({ id: z.string().min(1).max(100) });
export type RetryDeliveryInput = z.input<typeof RetryDeliveryInput>;
