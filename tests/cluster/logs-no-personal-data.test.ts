// Issue 20's proof for the logs: a real production server process
// (node --import tsx scripts/server.ts, NODE_ENV=production) on a seeded
// database serves a full booking over HTTP with unusual marker values (hold,
// booking with direct billing and a visa letter, the manage page and API with
// the token, a reschedule, a cancellation), a refused body and a search that
// names the e-mail in its query. Then: every stdout line is JSON, every request
// has its access-log line under the id that came back in X-Request-Id (a
// trusted proxy's well-formed id kept, a malformed one replaced), and the
// patient's name, e-mail, phone, passport, policy number, birth date, reason and
// the tokens appear nowhere in stdout or stderr.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "../../lib/db/create-client";
import { findFreePort, makeTempDataDir, startEmbeddedPostgres, type EmbeddedDb } from "../../lib/db/embedded";
import { migrateDeploy } from "../../lib/db/migrate";
import { seedDemo } from "../../lib/seed/seed-demo";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOSPITAL = "pumch-international";
const DEPARTMENT = "cardiology";

// Values no log line has any business to carry, odd enough that a hit is no coincidence.
const PATIENT = {
  name: "Zyxwqvor Quillbrandt",
  email: "zq.marker-7731@example.org",
  phone: "+81 90 7731 4826",
  dateOfBirth: "1961-07-29",
  passportNumber: "ZQX987654",
  policyNumber: "POLZQ-55123",
  memberName: "Vorquill Zyxbrandt",
  reasonForVisit: "Qwyzzle palpitations after kayaking",
};

interface LogLine {
  [key: string]: unknown;
  level: string;
  msg: string;
}

let dir: string;
let pg: EmbeddedDb | undefined;
let server: ChildProcess | undefined;
let base: string;
let stdout = "";
let stderr = "";

beforeAll(async () => {
  dir = await makeTempDataDir("portal-logs-");
  pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), preferredPort: await findFreePort() });
  await pg.ensureDatabase("portal");
  const url = pg.url("portal");
  await migrateDeploy(url);
  const db = createDbClient(url);
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }

  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/server.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: url,
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      PORTAL_DATA_DIR: path.join(dir, "data"),
      PUBLIC_BASE_URL: base,
      // The test is its own "proxy": X-Request-Id from 127.0.0.1 is kept when well formed.
      TRUSTED_PROXIES: "127.0.0.1",
      LOG_LEVEL: "info",
    },
  });
  server.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  server.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}:\n${stdout}\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${stdout}\n${stderr}`);
    const live = await fetch(`${base}/api/health/live`).catch(() => null);
    if (live?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill("SIGTERM");
    const killer = setTimeout(() => server!.kill("SIGKILL"), 15_000);
    await once(server, "exit");
    clearTimeout(killer);
  }
  await pg?.stop().catch(() => {});
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every request the test sent, with the id its answer carried. */
const sent: { what: string; id: string; status: number }[] = [];

async function call(
  what: string,
  pathAndQuery: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const response = await fetch(`${base}${pathAndQuery}`, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    redirect: "manual",
  });
  const id = response.headers.get("x-request-id");
  expect(id, `${what}: X-Request-Id`).toBeTruthy();
  sent.push({ what, id: id!, status: response.status });
  return response;
}

async function json<T>(response: Response, what: string, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, `${what}: ${text.slice(0, 300)}`).toBe(status);
  return JSON.parse(text) as T;
}

interface Slot {
  id: string;
  available: number;
  startsAt: string;
}

describe("logs of a full booking", () => {
  it("are JSON lines with a request id each and not one piece of the patient's data", async () => {
    const slots = (
      await json<{ data: Slot[] }>(
        await call("slots", `/api/v1/slots?hospital=${HOSPITAL}&department=${DEPARTMENT}`),
        "slots",
        200,
      )
    ).data.filter(
      // A week ahead: direct billing needs the insurer's lead time (a few working days).
      (slot) => slot.available > 0 && Date.parse(slot.startsAt) > Date.now() + 7 * 86_400_000,
    );
    expect(slots.length).toBeGreaterThan(1);
    const [first, second] = [slots[0]!, slots[slots.length - 1]!];

    const hold = await json<{ token: string }>(
      await call("hold", "/api/v1/holds", { method: "POST", json: { slotId: first.id } }),
      "hold",
      201,
    );

    // A refused body (422 or 400): the fields it names are never echoed into the log.
    const refused = await call("refused booking", "/api/v1/bookings", {
      method: "POST",
      headers: { "Idempotency-Key": "logs-test-refused-1" },
      json: {
        ...PATIENT,
        slotId: first.id,
        holdToken: hold.token,
        phone: "not a phone",
        consentTerms: false,
      },
    });
    expect([400, 422]).toContain(refused.status);
    await refused.text();

    const booking = await json<{ reference: string; manageToken: string }>(
      await call("booking", "/api/v1/bookings", {
        method: "POST",
        headers: { "Idempotency-Key": "logs-test-booking-1" },
        json: {
          ...PATIENT,
          slotId: first.id,
          holdToken: hold.token,
          nationality: "GB",
          preferredLanguage: "en",
          interpreterWanted: true,
          visaLetterWanted: true,
          paymentMethod: "DIRECT_BILLING",
          insurer: "allianz-care",
          consentTerms: true,
          consentSensitive: true,
        },
      }),
      "booking",
      201,
    );
    const bearer = { authorization: `Bearer ${booking.manageToken}` };

    const page = await call(
      "manage page",
      `/en/bookings/${booking.reference}?token=${encodeURIComponent(booking.manageToken)}`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(PATIENT.name); // the page shows it; the log must not
    const view = await json<{ patient: { email: string } }>(
      await call("manage api", `/api/v1/bookings/${booking.reference}`, { headers: bearer }),
      "manage api",
      200,
    );
    expect(view.patient.email).toBe(PATIENT.email);
    await json(
      await call("reschedule", `/api/v1/bookings/${booking.reference}/reschedule`, {
        method: "POST",
        headers: bearer,
        json: { slotId: second.id },
      }),
      "reschedule",
      200,
    );
    await json(
      await call("cancel", `/api/v1/bookings/${booking.reference}/cancel`, {
        method: "POST",
        headers: bearer,
      }),
      "cancel",
      200,
    );
    // A wrong token: 404, and the token tried is not logged either.
    const wrong = await call("wrong token", `/api/v1/bookings/${booking.reference}`, {
      headers: { authorization: "Bearer WRONGTOKENzq7731wrongtoken" },
    });
    expect(wrong.status).toBe(404);
    await wrong.text();
    // The e-mail in a query string, and in a path.
    await (await call("query", `/api/v1/hospitals?q=${encodeURIComponent(PATIENT.email)}`)).text();
    await (await call("path", `/en/hospitals/${encodeURIComponent(PATIENT.email)}`)).text();

    // The request id: a trusted proxy's well-formed one is kept, a malformed one replaced.
    const kept = await call("proxy id", "/api/v1/payment-options?hospital=x", {
      headers: { "x-request-id": "nginx0123456789abcdef0123456789ab" },
    });
    await kept.text();
    expect(kept.headers.get("x-request-id")).toBe("nginx0123456789abcdef0123456789ab");
    const replaced = await call("bad proxy id", "/api/v1/slots?hospital=x", {
      headers: { "x-request-id": PATIENT.email },
    });
    await replaced.text();
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);

    // Every line written for those requests is out (the server writes synchronously; give it a beat).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lines = stdout.split("\n").filter((line) => line.trim() !== "");
    const parsed: LogLine[] = lines.map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`a stdout line is not JSON: ${line.slice(0, 300)}`);
      }
    });
    for (const line of parsed) {
      expect(line).toMatchObject({ service: "portal", pid: server!.pid });
      expect(typeof line.time).toBe("string");
      expect(line.instance).toMatch(/:\d+$/);
    }

    const access = parsed.filter((line) => line.component === "http" && typeof line.route === "string");
    for (const request of sent) {
      const line = access.find((candidate) => candidate.requestId === request.id);
      expect(line, `access-log line of ${request.what} (${request.id})`).toBeDefined();
      expect(line!.status, request.what).toBe(request.status);
      expect(line!.durationMs).toBeGreaterThan(0);
    }
    const byWhat = (what: string) =>
      access.find((line) => line.requestId === sent.find((s) => s.what === what)!.id)!;
    expect(byWhat("booking")).toMatchObject({ method: "POST", route: "/api/v1/bookings", role: "anonymous" });
    expect(byWhat("manage page")).toMatchObject({
      route: "/[locale]/bookings/[reference]",
      role: "patient-manage-link",
    });
    expect(byWhat("manage api")).toMatchObject({
      route: "/api/v1/bookings/[reference]",
      role: "patient-manage-link",
    });
    expect(byWhat("reschedule")).toMatchObject({ route: "/api/v1/bookings/[reference]/reschedule" });
    expect(byWhat("wrong token")).toMatchObject({ status: 404, role: "anonymous" });
    expect((byWhat("booking").bytes as number) > 0).toBe(true);

    const output = `${stdout}\n${stderr}`;
    const secrets = {
      ...PATIENT,
      phoneDigits: PATIENT.phone.replace(/\D/g, ""),
      nameLower: PATIENT.name.toLowerCase(),
      emailEncoded: encodeURIComponent(PATIENT.email),
      holdToken: hold.token,
      manageToken: booking.manageToken,
      wrongToken: "WRONGTOKENzq7731wrongtoken",
      reference: booking.reference,
    };
    for (const [what, value] of Object.entries(secrets))
      expect(output.includes(value), `${what} ("${value}") appears in the server's output`).toBe(false);
  });
});
