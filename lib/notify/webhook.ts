// Booking-change webhooks to hospital systems (ADR 0022). When a booking of an
// institution is made, moved, confirmed, cancelled or its visit's status
// changes, every active integration client of that institution with a webhook
// URL and the `webhooks` scope gets an outbox row IN THE SAME TRANSACTION as
// the booking event (rule 7: it commits with the change or not at all). The
// outbox worker posts it, signed as the Standard Webhooks spec says
// (webhook-id, webhook-timestamp, webhook-signature = v1,base64 HMAC-SHA256 of
// "id.timestamp.body" under the client's webhook secret), and retries it with
// the e-mails' back-off until the system answers 2xx.
//
// The body is thin on purpose: which Appointment changed and how, never the
// patient's data (the system reads the Appointment with its own token, under
// the same rules as its polling). So a webhook row holds no personal data and
// survives the booking's erasure untouched (its payload names
// `appointmentId`, not `bookingId`, which erasure redacts).
import https from "node:https";
import { Webhook } from "standardwebhooks";
import type { BookingEventKind } from "../booking/booking-lock";
import { decrypt } from "../crypto/secrets";
import type { DbClient, TxClient } from "../db/create-client";
import type { IntegrationScope } from "../integration/scopes";

/** The booking events a hospital system is told about: those that change the Appointment's status or time. */
export const WEBHOOK_EVENTS = [
  "created",
  "confirmed",
  "guarantee-approved",
  "self-pay",
  "rescheduled",
  "cancelled",
  "cancelled-by-hospital",
  "checked-in",
  "completed",
  "no-show",
] as const satisfies readonly BookingEventKind[];

/** The outbox template of a webhook row (its channel is WEBHOOK). */
export const WEBHOOK_TEMPLATE = "appointment-changed";

const WEBHOOKS_SCOPE: IntegrationScope = "webhooks";

/** How long a hospital system has to answer one delivery. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface WebhookPayload {
  appointmentId: string;
  event: string;
  version: number;
  occurredAt: string;
}

/**
 * Queues the webhooks of one booking event, in the caller's transaction: one
 * row per subscribed client, keyed by the event and the client, so the same
 * event never queues the same webhook twice.
 */
export async function enqueueBookingWebhooks(
  tx: Pick<TxClient, "$executeRaw">,
  event: { bookingId: string; version: number; kind: BookingEventKind },
): Promise<void> {
  if (!(WEBHOOK_EVENTS as readonly string[]).includes(event.kind)) return;
  await tx.$executeRaw`
    INSERT INTO outbox_message (id, dedupe_key, template, channel, target_url, client_id, locale, payload)
    SELECT gen_random_uuid()::text, ${`webhook.${event.kind}:${event.bookingId}:v${event.version}:`} || c.id,
      ${WEBHOOK_TEMPLATE}, 'WEBHOOK', c.webhook_url, c.id, 'en',
      jsonb_build_object('appointmentId', b.id, 'event', ${event.kind}::text, 'version', ${event.version}::int,
        'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    FROM booking b JOIN integration_client c ON c.institution_id = b.institution_id
    WHERE b.id = ${event.bookingId} AND c.revoked_at IS NULL AND c.webhook_url IS NOT NULL
      AND c.webhook_secret_enc IS NOT NULL AND ${WEBHOOKS_SCOPE} = ANY(c.scopes)
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/** A webhook ready to post: the exact bytes signed and the Standard Webhooks headers. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** The client no longer takes webhooks (revoked, scope or secret withdrawn): the row fails for good. */
export class WebhookWithdrawnError extends Error {}

/** The body a hospital system receives (Standard Webhooks' {type, timestamp, data}). */
export function webhookBody(payload: WebhookPayload): string {
  return JSON.stringify({
    type: `appointment.${payload.event}`,
    timestamp: payload.occurredAt,
    data: {
      resourceType: "Appointment",
      id: payload.appointmentId,
      reference: `Appointment/${payload.appointmentId}`,
      event: payload.event,
      version: payload.version,
    },
  });
}

/**
 * Signs a webhook row when it is sent (the timestamp is the attempt's, so a
 * receiver's 5-minute replay window holds for every retry), with the client's
 * secret as it is then (a rotated secret signs the retries).
 */
export async function renderWebhook(
  db: DbClient,
  row: { id: string; client_id: string | null; target_url: string | null; payload: unknown },
  now: Date = new Date(),
): Promise<WebhookRequest> {
  const client = row.client_id
    ? await db.integrationClient.findUnique({
        where: { id: row.client_id },
        select: { webhookSecretEnc: true, revokedAt: true, scopes: true },
      })
    : null;
  if (
    !client ||
    client.revokedAt ||
    !client.webhookSecretEnc ||
    !client.scopes.includes(WEBHOOKS_SCOPE) ||
    !row.target_url
  )
    throw new WebhookWithdrawnError("the integration client no longer takes webhooks");
  const body = webhookBody(row.payload as WebhookPayload);
  const id = `msg_${row.id}`;
  return {
    url: row.target_url,
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": new Webhook(decrypt(client.webhookSecretEnc)).sign(id, now, body),
    },
  };
}

export type WebhookPoster = (request: WebhookRequest) => Promise<void>;

/**
 * Posts over HTTPS (the URL is https: a CHECK on integration_client), follows
 * no redirect, and fails on anything but 2xx or after WEBHOOK_TIMEOUT_MS. The
 * agent decides which certificates are trusted (the system's by default).
 */
export function webhookPoster(options: { agent?: https.Agent; timeoutMs?: number } = {}): WebhookPoster {
  const timeout = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return (request) =>
    new Promise<void>((resolve, reject) => {
      const url = new URL(request.url);
      if (url.protocol !== "https:") {
        reject(new WebhookWithdrawnError("a webhook URL must be https"));
        return;
      }
      const body = Buffer.from(request.body, "utf8");
      const req = https.request(
        url,
        {
          method: "POST",
          agent: options.agent,
          timeout,
          headers: { ...request.headers, "content-length": String(body.length) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new Error(`webhook answered HTTP ${status}`));
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`webhook gave no answer within ${timeout} ms`)));
      req.on("error", reject);
      req.end(body);
    });
}
