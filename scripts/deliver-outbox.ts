// `tsx scripts/deliver-outbox.ts`: delivers the due outbox e-mails once, the
// way each app server's worker does every few seconds, and exits. For
// operators (flush the queue without a running portal) and for the crash
// test (tests/integration/outbox-crash.test.ts), which kills it mid-batch.
// Uses DATABASE_URL, or the embedded database of a running portal; SMTP_URL,
// or .eml files under PORTAL_DATA_DIR/mail.
import { createDbClient } from "../lib/db/create-client";
import { deliverDue } from "../lib/notify/deliver-outbox";
import { mailerFromEnv } from "../lib/notify/mailer";
import { ensureEncryptionKey, fail, loadEnvOrExit, log, runningEmbeddedUrl } from "./lib/runtime";

const env = loadEnvOrExit();
ensureEncryptionKey(env);
const url =
  env.DATABASE_URL ??
  runningEmbeddedUrl(env) ??
  fail("No database: set DATABASE_URL, or start the portal (npm start) so its embedded database runs.");
const db = createDbClient(url);
const mailer = mailerFromEnv();

try {
  let sent = 0;
  let failed = 0;
  // Until nothing is due: a failed row waits for its back-off, so this ends.
  for (;;) {
    const round = await deliverDue(db, mailer);
    sent += round.sent;
    failed += round.failed;
    if (round.sent + round.failed === 0) break;
  }
  log(`Outbox: ${sent} sent, ${failed} failed (retried later unless out of attempts).`);
} finally {
  await db.$disconnect();
}
