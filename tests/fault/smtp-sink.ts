// A real SMTP server (smtp-server, by nodemailer's author) on 127.0.0.1 and a
// random port, for tests: it keeps every message it receives, byte for byte.
// A hook runs after a message's data has arrived and before the server answers
// "250 OK", so a test can crash the sender exactly there.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: string[];
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(
  options: {
    /** After the n-th message (1-based) arrived, before the server replies to it. */
    beforeReply?: (n: number, mail: ReceivedMail) => Promise<void> | void;
  } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS (its default certificate is
    // self-signed), no AUTH.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const from = session.envelope.mailFrom;
        const mail: ReceivedMail = {
          raw: Buffer.concat(chunks),
          envelopeFrom: from ? from.address : "",
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        };
        received.push(mail);
        const n = received.length;
        Promise.resolve()
          .then(() => options.beforeReply?.(n, mail))
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  // A client killed mid-conversation resets its socket: expected here.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * RFC 5322 section 3.6.4, without the obsolete forms: msg-id = "<" id-left "@"
 * id-right ">", here both dot-atom-text (atext runs joined by single dots).
 * Written from the RFC, independently of lib/notify.
 */
const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const dotAtomText = `${atext}+(?:\\.${atext}+)*`;
export const MSG_ID = new RegExp(`^<${dotAtomText}@${dotAtomText}>$`);
