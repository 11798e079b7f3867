// Rule 7 under a crash: the process delivering the outbox is killed (SIGKILL)
// after the SMTP server has received a message and before the outbox row was
// marked SENT. Delivery is at least once: after the claim lease, the row goes
// out again, with the same Message-ID, so the receiving mail system drops the
// copy. A real SMTP server (smtp-server) receives; mailparser reads.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "../../lib/notify/deliver-outbox";
import { messageIdFor, smtpMailer } from "../../lib/notify/mailer";
import { testDb } from "../helpers/db";
import { MSG_ID, startSmtpSink, type SmtpSink } from "../fault/smtp-sink";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BASE_URL = "https://portal.example.org";
// This process renders Message-IDs too (to compare): same base URL as the child.
process.env.PUBLIC_BASE_URL = BASE_URL;

const BATCH = 6;
/** The child is killed when the SMTP server holds this message, before its "250 OK". */
const KILL_AT = 3;

let child: ChildProcess | undefined;
let sink: SmtpSink;

/** `scripts/deliver-outbox.ts` in its own Node process, against this file's database. */
function deliverInChild(): {
  process: ChildProcess;
  exit: Promise<{ code: number | null; signal: string | null; output: string }>;
} {
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/deliver-outbox.ts"], {
    cwd: ROOT,
    env: { ...process.env, SMTP_URL: sink.url, PUBLIC_BASE_URL: BASE_URL },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { process: proc, exit };
}

async function outbox() {
  return testDb().outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  sink = await startSmtpSink({
    async beforeReply(n) {
      if (n !== KILL_AT || !child) return;
      // The message is on the server; the sender has not heard back. Crash it now.
      const gone = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    },
  });
  // Six e-mails of templates that need no booking (their payload is all they
  // render), queued a millisecond apart so the claim order is known.
  for (let i = 1; i <= BATCH; i++) {
    await testDb().outboxMessage.create({
      data:
        i % 2
          ? {
              dedupeKey: `crash-test:password-reset:${i}`,
              template: "password-reset",
              toEmail: `staff${i}@example.com`,
              locale: "en",
              payload: { name: `Staff ${i}`, tokenId: `token-${i}` },
              createdAt: new Date(Date.now() - (BATCH - i) * 1000),
            }
          : {
              dedupeKey: `crash-test:booking-erased:${i}`,
              template: "booking-erased",
              toEmail: `patient${i}@example.com`,
              locale: "fr",
              payload: { reference: `IPP-CRASH-${i}`, name: `Patient ${i}` },
              createdAt: new Date(Date.now() - (BATCH - i) * 1000),
            },
    });
  }
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await sink?.close();
});

describe("e-mail delivery that a crash cannot duplicate unnoticed", () => {
  it("a worker killed between the SMTP server's acceptance and the SENT mark: resent after the lease with the same Message-ID, each row SENT once", async () => {
    // 1. The worker process delivers the batch and is killed at the third message.
    const first = deliverInChild();
    child = first.process;
    const crashed = await first.exit;
    child = undefined;
    expect(crashed.signal, crashed.output).toBe("SIGKILL");
    expect(sink.received).toHaveLength(KILL_AT);

    // Two rows were sent and marked; the third is on the server but not marked;
    // all unsent rows stay claimed under the dead worker's lease.
    let rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(["SENT", "SENT", "PENDING", "PENDING", "PENDING", "PENDING"]);
    for (const row of rows.slice(KILL_AT - 1)) {
      expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 60_000);
      expect(row.attempts).toBe(1);
    }

    // 2. Another worker, while the lease lasts, leaves the claimed rows alone.
    expect(await deliverDue(testDb(), smtpMailer(sink.url))).toEqual({ sent: 0, failed: 0 });
    expect(sink.received).toHaveLength(KILL_AT);

    // 3. The lease passes (moved into the past rather than waited for), and a
    //    new worker process delivers the rest, the unacknowledged one again.
    await testDb().$executeRaw`
      UPDATE outbox_message SET locked_until = now() - interval '1 second'
      WHERE status = 'PENDING' AND locked_until IS NOT NULL`;
    const second = await deliverInChild().exit;
    expect(second, second.output).toMatchObject({ code: 0, signal: null });

    // Every row is SENT, once, and released.
    rows = await outbox();
    expect(rows).toHaveLength(BATCH);
    for (const row of rows) expect(row).toMatchObject({ status: "SENT", lockedUntil: null, lastError: null });
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 2, 2, 2, 2]);

    // What the SMTP server holds, read by mailparser: one more message than rows.
    const mails = await Promise.all(sink.received.map((m) => simpleParser(m.raw)));
    expect(mails).toHaveLength(BATCH + 1);
    for (const mail of mails) {
      expect(mail.messageId).toMatch(MSG_ID);
      expect(mail.messageId!.endsWith("@portal.example.org>")).toBe(true);
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    }

    // Every event's e-mail arrived, under its own Message-ID, to its own recipient.
    const byMessageId = new Map<string, typeof mails>();
    for (const mail of mails)
      byMessageId.set(mail.messageId!, [...(byMessageId.get(mail.messageId!) ?? []), mail]);
    expect(new Set(byMessageId.keys())).toEqual(new Set(rows.map((r) => messageIdFor(r.dedupeKey))));
    for (const row of rows) {
      const copies = byMessageId.get(messageIdFor(row.dedupeKey))!;
      // The recipient the row was queued with (an erasure notice's row is redacted once it is sent).
      const i = Number(row.dedupeKey.split(":").at(-1));
      const recipient = i % 2 ? `staff${i}@example.com` : `patient${i}@example.com`;
      for (const copy of copies) expect(copy.to).toMatchObject({ text: recipient });
    }

    // The only message received twice is the one in flight at the crash: the
    // same Message-ID, subject and text both times, so a mail system drops it.
    const twice = [...byMessageId.values()].filter((copies) => copies.length > 1);
    expect(twice).toHaveLength(1);
    const [a, b] = twice[0]!;
    expect(a!.messageId).toBe(messageIdFor(rows[KILL_AT - 1]!.dedupeKey));
    expect(b!.messageId).toBe(a!.messageId);
    expect(b!.subject).toBe(a!.subject);
    expect(b!.text).toBe(a!.text);
    // Recipients group the same way: nobody got two different messages for one event.
    const idsByRecipient = new Map<string, Set<string>>();
    for (const m of sink.received) {
      const to = m.envelopeTo.join(",");
      const id = mails[sink.received.indexOf(m)]!.messageId!;
      idsByRecipient.set(to, (idsByRecipient.get(to) ?? new Set()).add(id));
    }
    expect(idsByRecipient.size).toBe(BATCH);
    for (const ids of idsByRecipient.values()) expect(ids.size).toBe(1);
  });
});
