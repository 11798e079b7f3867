// Stopping the outbox worker (graceful shutdown, issue 20 §3): the row being
// sent finishes, no other is started, and the leases of the rows it claimed
// but did not deliver are released, so another instance sends them at once
// instead of after CLAIM_LEASE_SECONDS. A real worker on this file's database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import type { MailMessage, Mailer } from "../../lib/notify/mailer";
import {
  loggableError,
  outboxWorkerHeartbeat,
  startOutboxWorker,
  stopOutboxWorker,
} from "../../lib/notify/worker";
import { testDb } from "../helpers/db";

/** A mailer whose first send waits until the test lets it go. */
function stalling() {
  let entered!: () => void;
  let release!: () => void;
  const inSend = new Promise<void>((resolve) => (entered = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      sent.push(message);
      if (sent.length > 1) return;
      entered();
      await released;
    },
  };
  return { mailer, sent, inSend, release };
}

function recorder(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => void sent.push(message) };
}

async function queue(count: number) {
  for (let i = 1; i <= count; i++)
    await testDb().outboxMessage.create({
      data: {
        dedupeKey: `release-test:${i}`,
        template: "password-reset",
        toEmail: `staff${i}@example.com`,
        locale: "en",
        payload: { name: `Staff ${i}`, tokenId: `release-token-${i}` },
        createdAt: new Date(Date.now() - (count - i) * 1000),
      },
    });
}

const rows = () => testDb().outboxMessage.findMany({ orderBy: { createdAt: "asc" } });

beforeEach(async () => {
  await testDb().outboxMessage.deleteMany();
});

afterEach(async () => {
  await stopOutboxWorker(Date.now() + 2_000);
});

describe("stopping the outbox worker", () => {
  it("lets the row being sent finish, starts no other, and releases the rest of its batch", async () => {
    await queue(3);
    const slow = stalling();
    startOutboxWorker({ mailer: slow.mailer, db: testDb, tickMs: 50 });
    await slow.inSend;
    // The worker claimed the whole batch: three leases, one attempt each.
    for (const row of await rows()) expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect((await rows()).every((row) => row.lockedUntil !== null)).toBe(true);

    const stopped = stopOutboxWorker(Date.now() + 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    slow.release();
    await stopped;

    expect(outboxWorkerHeartbeat()).toBeUndefined();
    expect(slow.sent.map((m) => m.messageId)).toEqual(["release-test:1"]);
    const [first, ...rest] = await rows();
    expect(first).toMatchObject({ status: "SENT", lockedUntil: null });
    // Released: claimable now, and the claim that was never tried is not counted.
    for (const row of rest) expect(row).toMatchObject({ status: "PENDING", lockedUntil: null, attempts: 0 });

    // Another instance takes them at once.
    const other = recorder();
    expect(await deliverDue(testDb(), other)).toEqual({ sent: 2, failed: 0 });
    expect(other.sent.map((m) => m.messageId)).toEqual(["release-test:2", "release-test:3"]);
  });

  it("at its deadline, releases every lease it holds, the stuck send's too, and leaves rows taken over alone", async () => {
    await queue(3);
    const slow = stalling();
    startOutboxWorker({ mailer: slow.mailer, db: testDb, tickMs: 50 });
    await slow.inSend;
    // Row 3 was taken over meanwhile (its lease ran out, another worker claimed it): not ours to release.
    const third = (await rows())[2]!;
    const takenOver = new Date(Date.now() + 60_000);
    await testDb().outboxMessage.update({
      where: { id: third.id },
      data: { lockedUntil: takenOver, attempts: 2 },
    });

    const started = Date.now();
    await stopOutboxWorker(Date.now() + 500);
    expect(Date.now() - started).toBeLessThan(3_000);

    const [first, second, last] = await rows();
    expect(first).toMatchObject({ status: "PENDING", lockedUntil: null, attempts: 0 });
    expect(second).toMatchObject({ status: "PENDING", lockedUntil: null, attempts: 0 });
    expect(last).toMatchObject({ status: "PENDING", lockedUntil: takenOver, attempts: 2 });

    // The stuck send ends after the release: it records nothing on a row it no longer holds.
    slow.release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await rows())[0]).toMatchObject({ status: "PENDING", lockedUntil: null, attempts: 0 });
  });

  it("logs a failed delivery without the recipient's address an SMTP answer quotes", () => {
    const logged = loggableError(
      new Error(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <staff1@example.com>: user unknown (staff1@example.com)",
      ),
    );
    expect(logged).not.toContain("@");
    expect(logged).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: user unknown ([address])",
    );
  });
});
