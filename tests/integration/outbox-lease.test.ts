// The outbox claim lease (lib/notify/deliver-outbox.ts): a worker acts on a
// row only while the lease it set is still the row's lease. A worker that
// outlived its lease (a stalled send) neither sends a row another worker has
// claimed since, nor overwrites that worker's outcome.
import { beforeEach, describe, expect, it } from "vitest";
import { CLAIM_LEASE_SECONDS, deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage, Mailer } from "../../lib/notify/mailer";
import { testDb } from "../helpers/db";

function recorder(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => void sent.push(message) };
}

/** A mailer whose first send stalls until the test lets it go (with an error, or not). */
function stalling() {
  let entered!: () => void;
  let release!: (error?: Error) => void;
  const inSend = new Promise<void>((resolve) => (entered = resolve));
  const released = new Promise<Error | undefined>((resolve) => (release = resolve));
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      sent.push(message);
      if (sent.length > 1) return;
      entered();
      const error = await released;
      if (error) throw error;
    },
  };
  return { mailer, sent, inSend, release };
}

async function queue(count: number) {
  for (let i = 1; i <= count; i++)
    await testDb().outboxMessage.create({
      data: {
        dedupeKey: `lease-test:${i}`,
        template: "password-reset",
        toEmail: `staff${i}@example.com`,
        locale: "en",
        payload: { name: `Staff ${i}`, tokenId: `lease-token-${i}` },
        createdAt: new Date(Date.now() - (count - i) * 1000),
      },
    });
}

/** What happens when a lease runs out, without waiting CLAIM_LEASE_SECONDS. */
const expireLeases = () =>
  testDb()
    .$executeRaw`UPDATE outbox_message SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL`;

beforeEach(async () => {
  await testDb().outboxMessage.deleteMany();
});

describe("the outbox claim lease", () => {
  it("is CLAIM_LEASE_SECONDS long, held while the message is being sent", async () => {
    await queue(1);
    let leaseSeconds = 0;
    const mailer: Mailer = {
      async send() {
        const row = await testDb().outboxMessage.findFirstOrThrow();
        leaseSeconds = (row.lockedUntil!.getTime() - Date.now()) / 1000;
      },
    };
    expect(await deliverDue(testDb(), mailer)).toEqual({ sent: 1, failed: 0 });
    expect(CLAIM_LEASE_SECONDS).toBe(120);
    expect(leaseSeconds).toBeGreaterThan(CLAIM_LEASE_SECONDS - 10);
    expect(leaseSeconds).toBeLessThanOrEqual(CLAIM_LEASE_SECONDS + 1);
    expect(await testDb().outboxMessage.findFirstOrThrow()).toMatchObject({
      status: "SENT",
      lockedUntil: null,
    });
  });

  it("a worker that outlived its lease does not undo the SENT of the worker that took over, nor send the rest of its batch", async () => {
    await queue(2);
    const slow = stalling();
    const workerA = deliverDue(testDb(), slow.mailer); // claims both rows, stalls sending the first
    await slow.inSend;

    await expireLeases();
    const b = recorder();
    expect(await deliverDue(testDb(), b)).toEqual({ sent: 2, failed: 0 }); // takes both over
    expect(b.sent.map((m) => m.messageId)).toEqual(["lease-test:1", "lease-test:2"]);

    // A's stalled send finally fails (say, a timeout). Before the lease check,
    // A would have set the SENT row back to PENDING, and it would go out again.
    slow.release(new Error("SMTP socket timeout"));
    expect(await workerA).toEqual({ sent: 0, failed: 1 });
    expect(slow.sent.map((m) => m.messageId)).toEqual(["lease-test:1"]); // never sent row 2

    const rows = await testDb().outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
    for (const row of rows)
      expect(row).toMatchObject({ status: "SENT", lockedUntil: null, lastError: null, attempts: 2 });
    expect(await deliverDue(testDb(), recorder())).toEqual({ sent: 0, failed: 0 });
  });

  it("a worker whose send succeeds after a takeover leaves the outcome to the new owner", async () => {
    await queue(1);
    const slow = stalling();
    const workerA = deliverDue(testDb(), slow.mailer);
    await slow.inSend;
    await expireLeases();

    // B claims the row; its send fails, so the row is PENDING again with a back-off.
    const failing: Mailer = {
      send: async () => {
        throw new Error("SMTP 451 try again later");
      },
    };
    expect(await deliverDue(testDb(), failing)).toEqual({ sent: 0, failed: 1 });
    slow.release();
    await workerA;

    // A's late success does not mark a row it no longer holds: B's record stands,
    // and the next attempt (same event key, so the same Message-ID) will follow.
    const row = await testDb().outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", lastError: "SMTP 451 try again later", attempts: 2 });
    await testDb().$executeRaw`UPDATE outbox_message SET next_attempt_at = now()`;
    const c = recorder();
    expect(await deliverDue(testDb(), c)).toEqual({ sent: 1, failed: 0 });
    expect(c.sent[0]!.messageId).toBe(slow.sent[0]!.messageId);
  });
});
