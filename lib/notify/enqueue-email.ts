// Writes an e-mail to the outbox, in the transaction of the change that causes
// it (rule 7): it commits with the change or not at all. The dedupe key names
// the event, so one event never queues the same e-mail twice.
import type { TxClient } from "../db/create-client";
import type { Prisma } from "../db/generated/client";
import type { Template } from "./render-email";

export interface QueuedEmail {
  template: Template;
  to: string;
  locale: string;
  payload: Prisma.InputJsonValue;
}

export async function enqueueEmail(
  tx: Pick<TxClient, "outboxMessage">,
  dedupeKey: string,
  email: QueuedEmail,
): Promise<void> {
  await tx.outboxMessage.create({
    data: {
      dedupeKey,
      template: email.template,
      toEmail: email.to,
      locale: email.locale,
      payload: email.payload,
    },
  });
}
