// The FHIR API says what it does and does what it says (issue 18), driven by its
// own CapabilityStatement on the real route handlers (tests/helpers/fhir.ts):
// - GET metadata is a valid CapabilityStatement, read by a real FHIR client;
// - every interaction, search parameter, _include and operation it declares is
//   reachable (a declared one with no route, or that answers 404/405, fails),
//   and every route under app/fhir/r4 is declared (an undeclared one fails);
// - a fuzz: for every declared search parameter, read and operation, random and
//   hostile values (strings, huge numbers, bad dates, control characters, wrong
//   JSON types, empty Bundles) never get a 5xx, and every 4xx is a valid
//   OperationOutcome, in the request's language.
// Reproduce a failure with the seed it prints:
//   FUZZ_SEED=<seed> npx vitest run tests/integration/fhir-conformance.test.ts
import fc from "fast-check";
import { Client } from "fhir-kit-client";
import type {
  Bundle,
  CapabilityStatement,
  CapabilityStatementRestResource,
  OperationOutcome,
  Resource,
} from "@medplum/fhirtypes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fhirRoutes } from "../../lib/fhir/routes";
import { locales } from "../../lib/i18n/locales";
import { createIntegrationClient } from "../../lib/integration/create-integration-client";
import { testDb } from "../helpers/db";
import { expectValidFhir, fhirIssues, startFhirServer, type FhirServer } from "../helpers/fhir";
import { book, createWorld, type World } from "../helpers/staff-fixtures";

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

let server: FhirServer;
let client: Client;
let world: World;
let statement: CapabilityStatement;
/** Ids the server answered in searches, by resource type: what reads and references use. */
const ids: Record<string, string[]> = {};
/** A booking's manage token (ITI-118 finds its appointments with it) and its reference. */
let manageToken = "";
let bookingReference = "";
/**
 * The Authorization headers a client may hold: none, a booking's manage token,
 * a hospital system's access token (institution A, every scope). A protected
 * search or read must answer one of them.
 */
const credentials: (string | undefined)[] = [undefined];

// ---------------------------------------------------------------- what is declared

interface Endpoint {
  /** e.g. "GET /fhir/r4/Slot/[id]" */
  key: string;
  method: string;
  pattern: string;
  /** What declares it, for the failure message. */
  why: string;
}

const BASE = "/fhir/r4";
const opPath = (name: string) => `$${name.replace(/^\$/, "")}`;

function restOf(cs: CapabilityStatement) {
  const rest = cs.rest?.find((r) => r.mode === "server");
  if (!rest) throw new Error("the CapabilityStatement has no rest entry in server mode");
  return rest;
}

/** The routes and methods each declared interaction and operation needs (FHIR's RESTful API). */
function declaredEndpoints(cs: CapabilityStatement): Endpoint[] {
  const rest = restOf(cs);
  const out: Endpoint[] = [{ key: "", method: "GET", pattern: `${BASE}/metadata`, why: "metadata" }];
  const add = (method: string, pattern: string, why: string) => out.push({ key: "", method, pattern, why });
  const methodsOf = (pattern: string) => fhirRoutes[pattern] ?? [];
  for (const resource of rest.resource ?? []) {
    const type = resource.type;
    for (const { code } of resource.interaction ?? []) {
      const why = `${type} interaction ${code}`;
      if (code === "read") add("GET", `${BASE}/${type}/[id]`, why);
      else if (code === "vread") add("GET", `${BASE}/${type}/[id]/_history/[vid]`, why);
      else if (code === "search-type") add("GET", `${BASE}/${type}`, why);
      else if (code === "create") add("POST", `${BASE}/${type}`, why);
      else if (code === "update") add("PUT", `${BASE}/${type}/[id]`, why);
      else if (code === "patch") add("PATCH", `${BASE}/${type}/[id]`, why);
      else if (code === "delete") add("DELETE", `${BASE}/${type}/[id]`, why);
      else if (code === "history-instance") add("GET", `${BASE}/${type}/[id]/_history`, why);
      else if (code === "history-type") add("GET", `${BASE}/${type}/_history`, why);
    }
    for (const op of resource.operation ?? []) {
      const pattern = `${BASE}/${type}/${opPath(op.name)}`;
      const methods = methodsOf(pattern);
      for (const method of methods.length ? methods : ["POST"])
        add(method, pattern, `${type} operation ${op.name}`);
    }
  }
  for (const { code } of rest.interaction ?? []) {
    if (code === "transaction" || code === "batch") add("POST", BASE, `system interaction ${code}`);
    else if (code === "search-system") add("GET", BASE, "system interaction search-system");
    else if (code === "history-system") add("GET", `${BASE}/_history`, "system interaction history-system");
  }
  for (const op of rest.operation ?? []) {
    const pattern = `${BASE}/${opPath(op.name)}`;
    const methods = methodsOf(pattern);
    for (const method of methods.length ? methods : ["GET"])
      add(method, pattern, `system operation ${op.name}`);
  }
  const token = rest.security?.extension
    ?.find((e) => e.url === "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
    ?.extension?.find((e) => e.url === "token")?.valueUri;
  if (token) add("POST", new URL(token).pathname, "security oauth-uris token");
  for (const e of out) e.key = `${e.method} ${e.pattern}`;
  return out;
}

/** Routes that are reached through a declared one rather than declared themselves: the bulk files the $bulk-publish manifest lists. */
const REACHED_THROUGH = [{ pattern: /^\/fhir\/r4\/bulk\//, through: "$bulk-publish manifest" }];

// ---------------------------------------------------------------- requests

interface Sent {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const stats = { requests: 0, byStatus: new Map<number, number>() };

/**
 * Past 16 KiB of request line and headers, Node's HTTP server (as `next start`'s) answers 431
 * itself before any app code runs: paths and queries are kept under 8 KiB each, cut where they
 * are (a cut percent-escape is one more hostile value). A read's id of 2,000 "医" is 18 KiB
 * percent-encoded.
 */
const MAX_QUERY = 8_000;

async function send(sent: Sent): Promise<Response> {
  stats.requests += 1;
  if (sent.query && sent.query.length > MAX_QUERY) sent.query = sent.query.slice(0, MAX_QUERY);
  if (sent.path.length > MAX_QUERY) sent.path = sent.path.slice(0, MAX_QUERY);
  const response = await fetch(`${server.origin}${sent.path}${sent.query ? `?${sent.query}` : ""}`, {
    method: sent.method,
    headers: sent.headers,
    body: typeof sent.body === "string" || sent.body === undefined ? sent.body : Buffer.from(sent.body),
  });
  stats.byStatus.set(response.status, (stats.byStatus.get(response.status) ?? 0) + 1);
  return response;
}

function describeSent(sent: Sent): string {
  const body =
    sent.body === undefined
      ? ""
      : typeof sent.body === "string"
        ? JSON.stringify(
            sent.body.length > 300 ? `${sent.body.slice(0, 300)}… (${sent.body.length} chars)` : sent.body,
          )
        : `bytes ${Buffer.from(sent.body).toString("hex").slice(0, 200)}`;
  return `${sent.method} ${sent.path}${sent.query ? `?${sent.query.slice(0, 500)}` : ""}\nheaders ${JSON.stringify(sent.headers ?? {})}\nbody ${body}`;
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * What is wrong with an answer (null when it keeps the contract): no 5xx; a
 * 4xx is a valid OperationOutcome as application/fhir+json, with a message in
 * Arabic when Arabic was asked for; a 2xx FHIR body validates.
 */
async function problemWith(response: Response, sent: Sent): Promise<string | null> {
  const text = await response.text();
  if (response.status >= 500) return `answered ${response.status}: ${text.slice(0, 300)}`;
  const type = response.headers.get("content-type") ?? "";
  if (response.status >= 400) {
    if (!type.startsWith("application/fhir+json"))
      return `answered ${response.status} as ${type || "no content type"}: ${text.slice(0, 200)}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
    }
    if ((body as Resource).resourceType !== "OperationOutcome")
      return `answered ${response.status} with a ${(body as Resource).resourceType}, not an OperationOutcome`;
    const issues = fhirIssues(body);
    if (issues.length)
      return `answered ${response.status} with an invalid OperationOutcome:\n${issues.join("\n")}`;
    const message = (body as OperationOutcome).issue[0]?.details?.text ?? "";
    if (!message || message.startsWith("Errors."))
      return `answered ${response.status} with no message: ${text}`;
    const language = sent.headers?.["accept-language"];
    if (language === "ar" && !/[?&]locale=/.test(sent.query ?? "") && !ARABIC.test(message))
      return `answered ${response.status} to Accept-Language: ar in another language: ${message}`;
    return null;
  }
  if (type.startsWith("application/fhir+json") && text) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `answered ${response.status} as FHIR JSON with a body that is not JSON: ${text.slice(0, 200)}`;
    }
    const issues = fhirIssues(body);
    if (issues.length) return `answered ${response.status} with an invalid resource:\n${issues.join("\n")}`;
  }
  return null;
}

/**
 * The OAuth token endpoint answers as RFC 6749 says, not as FHIR: no 5xx, and a
 * 4xx is JSON with an `error` code (§5.2).
 */
async function oauthProblemWith(response: Response): Promise<string | null> {
  const text = await response.text();
  if (response.status >= 500) return `answered ${response.status}: ${text.slice(0, 300)}`;
  if (response.status < 400) return null;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === "string"
      ? null
      : `answered ${response.status} without an OAuth error: ${text}`;
  } catch {
    return `answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
}

async function expectContract(sent: Sent, oauth = false): Promise<Response> {
  const response = await send(sent);
  const problem = oauth
    ? await oauthProblemWith(response.clone())
    : await problemWith(response.clone(), sent);
  if (problem) throw new Error(`${problem}\n${describeSent(sent)}`);
  return response;
}

// ---------------------------------------------------------------- values

const HOSTILE = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "%00",
  "%zz",
  "\uD800",
  "\u202Eevil",
  "\uFEFF",
  "\r\n",
  "' OR 1=1 --",
  "'; DROP TABLE slot; --",
  "\\",
  "%",
  "_",
  "*",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "null",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "9".repeat(400),
  "-9223372036854775809",
  "٣",
  "👩‍👩‍👧",
  "北京",
  "|",
  "||",
  "a|b|c",
  "http://evil.example/Slot/1",
  "Slot/",
  "/",
  "Organization/" + "a".repeat(100),
  "2024-02-30",
  "2026-13-45",
  "0000-00-00",
  "275760-09-13",
  "ge",
  "xx2026-01-01",
  "gt2026-02-30T25:61:00Z",
  "ge99999-01-01",
  "lt-0001-01-01",
  "eq2026",
  "sa2026-01-01T10:00:00+99:00",
  "ap",
];

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: anyUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 201, max: 2_000 }), fc.constantFrom("a", "医", "\u0000", "%", "9", " ", ","))
      .map(([n, c]) => c.repeat(n)),
  },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap", "zz"),
        fc
          .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom("", "Z", "+08:00", "x", "T99:99"),
      )
      .map(([prefix, date, tail]) => `${prefix}${date}${tail}`),
  },
);

/** A query string of values appended as written: percent-encoding that does not decode, bare names. */
const rawQuery = fc.constantFrom(
  "",
  "",
  "",
  "&%zz=1",
  "&%00=1",
  "&=",
  "&&&",
  "&_count",
  "&x=%",
  "&_count=%FF",
);

const languages = fc.constantFrom(...locales, "ar", "ar", "zh-CN,zh;q=0.9", "*", "xx", ";;;,,", "en;q=-1");

/** A well-formed value for a search parameter of `type` named `name`. */
function validValue(name: string, type: string): string[] {
  const refType = {
    organization: "Organization",
    schedule: "Schedule",
    location: "Location",
    slot: "Slot",
    service: "HealthcareService",
    "healthcare-service": "HealthcareService",
    actor: "HealthcareService",
    "service-type": undefined,
  }[name];
  switch (type) {
    case "date":
      return [
        `ge${isoDay(0)}`,
        `lt${isoDay(60)}`,
        isoDay(4),
        `gt${new Date(Date.now() - DAY).toISOString()}`,
      ];
    case "reference": {
      const target = refType ?? Object.keys(ids)[0] ?? "Organization";
      const known = ids[target] ?? [];
      return [...known.slice(0, 2).map((id) => `${target}/${id}`), `${target}/unknown-id`];
    }
    case "number":
      return ["1", "10"];
    case "quantity":
      return ["1"];
    case "uri":
      return ["http://example.org/x"];
    case "token":
      if (name === "identifier" && bookingReference) return [bookingReference, "x"];
      if (name === "status") return ["free", "busy"];
      if (name === "communication" || name === "language") return ["en", "urn:ietf:bcp:47|ar"];
      if (name === "active") return ["true"];
      return ["cardiology", "x"];
    default:
      return ["Test", "测试", "a"];
  }
}

// ---------------------------------------------------------------- the world

beforeAll(async () => {
  server = await startFhirServer();
  client = new Client({ baseUrl: server.baseUrl });
  const db = testDb();
  world = await createWorld(db);
  const booked = await book(db, world.a, 0);
  manageToken = booked.manageToken;
  bookingReference = booked.reference;
  const his = await createIntegrationClient(db, world.actors.managerA, {
    name: "Conformance HIS",
    scopes: ["slots:write", "appointments:read"],
  });
  const tokenResponse = await fetch(`${server.baseUrl}/auth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${his.client.clientId}:${his.clientSecret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
  expect(tokenResponse.status).toBe(200);
  const hisToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
  credentials.push(`Bearer ${manageToken}`, `Bearer ${hisToken}`);
  statement = (await client.capabilityStatement()) as unknown as CapabilityStatement;
  // Ids to read and reference: the first page of each type's search, where the type has one.
  for (const resource of restOf(statement).resource ?? []) {
    if (!resource.interaction?.some((i) => i.code === "search-type")) continue;
    const response = await firstAnswered({
      method: "GET",
      path: `${BASE}/${resource.type}`,
      query: "_count=5",
    });
    if (!response.ok) continue;
    const bundle = (await response.json()) as Bundle;
    ids[resource.type] = (bundle.entry ?? [])
      .filter((e) => e.resource?.resourceType === resource.type)
      .map((e) => e.resource!.id!);
  }
});

afterAll(async () => {
  const statuses = [...stats.byStatus.entries()].sort((a, b) => a[0] - b[0]);
  console.log(
    `fhir conformance: ${stats.requests} requests, seed ${SEED}; statuses ${statuses.map(([s, n]) => `${s}×${n}`).join(" ")}`,
  );
  await server?.close();
});

/** The resources the statement declares, with the interactions and params to try. */
const resources = (): CapabilityStatementRestResource[] => restOf(statement).resource ?? [];

/**
 * The request sent with each credential in turn (none first): the first 2xx
 * answer, or the last answer when none is 2xx.
 */
async function firstAnswered(sent: Sent): Promise<Response> {
  let response: Response | undefined;
  for (const authorization of credentials) {
    if (response) await response.arrayBuffer();
    response = await send({
      ...sent,
      headers: { ...sent.headers, ...(authorization ? { authorization } : {}) },
    });
    if (response.ok) return response;
  }
  return response!;
}

/** Whether a read or search needs credentials: it answers 401 without. */
async function isProtected(path: string): Promise<boolean> {
  const response = await send({ method: "GET", path });
  await response.arrayBuffer();
  return response.status === 401;
}

// ---------------------------------------------------------------- the tests

describe(`the FHIR API against its CapabilityStatement (seed ${SEED})`, () => {
  it("answers GET metadata with a valid R4 CapabilityStatement as application/fhir+json, to a FHIR client too", async () => {
    expectValidFhir(statement);
    expect(statement.fhirVersion).toBe("4.0.1");
    expect(statement.format).toContain("json");
    expect(statement.kind).toBe("instance");
    const response = await expectContract({ method: "GET", path: `${BASE}/metadata` });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    // Every type it names is a FHIR R4 resource type, each once.
    const types = resources().map((r) => r.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it("declares every route under app/fhir/r4, and has a route for everything it declares", () => {
    const declared = declaredEndpoints(statement);
    const routes = Object.entries(fhirRoutes).flatMap(([pattern, methods]) =>
      methods.map((m) => `${m} ${pattern}`),
    );
    const missing = declared.filter((e) => !routes.includes(e.key)).map((e) => `${e.key} (${e.why})`);
    const undeclared = routes.filter(
      (route) =>
        !declared.some((e) => e.key === route) &&
        !REACHED_THROUGH.some((r) => r.pattern.test(route.split(" ")[1]!)),
    );
    expect({ "declared without a route": missing, "routes not declared": undeclared }).toEqual({
      "declared without a route": [],
      "routes not declared": [],
    });
  });

  it("reaches every declared read and search, with every declared search parameter and _include, as valid Bundles", async () => {
    const failures: string[] = [];
    for (const resource of resources()) {
      const type = resource.type;
      const codes = (resource.interaction ?? []).map((i) => i.code);
      if (codes.includes("search-type")) {
        // A search without parameters may be refused (400) where the type needs one (ITI-118 its
        // identifier); a declared parameter with a well-formed value must answer.
        const check = async (query: string, what: string) => {
          const sent = { method: "GET", path: `${BASE}/${type}`, query };
          const response = await firstAnswered(sent);
          const problem = await problemWith(response.clone(), sent);
          if (problem) failures.push(`${type} ${what}: ${problem}`);
          else if (response.status !== 200 && !(query === "" && response.status === 400))
            failures.push(
              `${type} ${what}: answered ${response.status} with every credential: ${(await response.text()).slice(0, 300)}`,
            );
          else if (response.status === 200) {
            const bundle = (await response.json()) as Bundle;
            // What it found is what the reads below read.
            for (const entry of bundle.entry ?? [])
              if (entry.resource?.resourceType === type && !(ids[type] ??= []).includes(entry.resource.id!))
                ids[type]!.push(entry.resource.id!);
            if (bundle.resourceType !== "Bundle" || bundle.type !== "searchset")
              failures.push(
                `${type} ${what}: answered a ${bundle.resourceType} ${bundle.type ?? ""}, not a searchset`,
              );
          }
        };
        await check("", "search");
        for (const param of resource.searchParam ?? [])
          for (const value of validValue(param.name, param.type))
            await check(new URLSearchParams({ [param.name]: value }).toString(), `?${param.name}=${value}`);
        for (const include of resource.searchInclude ?? [])
          await check(new URLSearchParams({ _include: include }).toString(), `?_include=${include}`);
      }
      if (codes.includes("read")) {
        const known = ids[type] ?? [];
        if (!known.length) failures.push(`${type} read: no ${type} found to read (its search found none)`);
        for (const id of known.slice(0, 2)) {
          if (await isProtected(`${BASE}/${type}/${id}`)) {
            const response = await firstAnswered({ method: "GET", path: `${BASE}/${type}/${id}` });
            const read = (await response.json()) as Resource;
            const issues = fhirIssues(read);
            if (response.status !== 200 || issues.length || read.id !== id)
              failures.push(`${type}/${id} read with credentials: ${response.status} ${issues.join("; ")}`);
            continue;
          }
          try {
            const read = await client.read({ resourceType: type, id });
            expectValidFhir(read);
            if (read.resourceType !== type || read.id !== id)
              failures.push(`${type}/${id} read answered ${read.resourceType}/${String(read.id)}`);
          } catch (error) {
            failures.push(`${type}/${id} read: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("follows the paging links of a search with a FHIR client, every page a valid searchset", async () => {
    const searchable = resources().filter(
      (r) => r.interaction?.some((i) => i.code === "search-type") && (ids[r.type]?.length ?? 0) > 1,
    );
    for (const resource of searchable) {
      if (await isProtected(`${BASE}/${resource.type}`)) continue;
      let bundle = (await client.search({
        resourceType: resource.type,
        searchParams: { _count: "1" },
      })) as unknown as Bundle;
      const seen = new Set<string>();
      for (let page = 0; page < 3 && bundle; page++) {
        expectValidFhir(bundle);
        for (const entry of bundle.entry ?? []) {
          if (entry.search?.mode !== "match") continue;
          expect(
            seen.has(entry.resource!.id!),
            `${resource.type} page ${page} repeats ${entry.resource!.id}`,
          ).toBe(false);
          seen.add(entry.resource!.id!);
        }
        const next = client.nextPage({ bundle: bundle as never });
        if (!next) break;
        bundle = (await next) as unknown as Bundle;
      }
      expect(
        seen.size,
        `${resource.type}: _count=1 and the next link gave more than one ${resource.type}`,
      ).toBeGreaterThan(1);
    }
  });

  it("reaches every declared operation (called with nothing, it answers an OperationOutcome or its result, never 404/405)", async () => {
    const failures: string[] = [];
    const declared = declaredEndpoints(statement).filter((e) => e.why.includes("operation"));
    for (const endpoint of declared) {
      const sent: Sent =
        endpoint.method === "GET"
          ? { method: "GET", path: endpoint.pattern }
          : {
              method: endpoint.method,
              path: endpoint.pattern,
              headers: { "content-type": "application/fhir+json" },
              body: JSON.stringify({ resourceType: "Parameters" }),
            };
      const response = await send(sent);
      const problem = await problemWith(response.clone(), sent);
      if (problem) failures.push(`${endpoint.key}: ${problem}`);
      else if (response.status === 404 || response.status === 405)
        failures.push(`${endpoint.key} (${endpoint.why}): answered ${response.status}`);
      await response.arrayBuffer();
    }
    expect(failures).toEqual([]);
  });

  it("answers in Arabic to Accept-Language: ar (a resource that does not exist)", async () => {
    let path = `${BASE}/NoSuchType/1`;
    for (const r of resources())
      if (
        r.interaction?.some((i) => i.code === "read") &&
        !(await isProtected(`${BASE}/${r.type}/does-not-exist`))
      ) {
        path = `${BASE}/${r.type}/does-not-exist`;
        break;
      }
    const response = await expectContract({ method: "GET", path, headers: { "accept-language": "ar" } });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-language")).toBe("ar");
    const outcome = (await response.json()) as OperationOutcome;
    expect(outcome.issue[0]!.details!.text).toMatch(ARABIC);
    const english = (await (
      await send({ method: "GET", path, headers: { "accept-language": "en" } })
    ).json()) as OperationOutcome;
    expect(english.issue[0]!.details!.text).not.toBe(outcome.issue[0]!.details!.text);
  });

  it("never answers 5xx to hostile search parameters, and every 4xx is a valid OperationOutcome", async () => {
    const targets = resources().flatMap((r) =>
      r.interaction?.some((i) => i.code === "search-type")
        ? [
            ...(r.searchParam ?? []).map((p) => ({ type: r.type, name: p.name, kind: p.type })),
            { type: r.type, name: "_count", kind: "number" },
            ...(r.searchInclude?.length ? [{ type: r.type, name: "_include", kind: "special" }] : []),
          ]
        : [],
    );
    let index = 0;
    for (const target of targets) {
      const seed = SEED + index++;
      const modifier = fc.constantFrom(
        "",
        "",
        "",
        ":missing",
        ":exact",
        ":not",
        ":contains",
        ":text",
        ":bogus",
      );
      const value = fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...validValue(target.name, target.kind)) },
        { weight: 5, arbitrary: hostile },
      );
      const arb = fc.record({
        pairs: fc.array(fc.tuple(modifier, value), { minLength: 1, maxLength: 3 }),
        raw: rawQuery,
        language: fc.option(languages, { nil: undefined }),
        authorization: fc.constantFrom(...credentials),
      });
      try {
        await fc.assert(
          fc.asyncProperty(arb, async ({ pairs, raw, language, authorization }) => {
            const query = new URLSearchParams();
            for (const [mod, v] of pairs) query.append(`${target.name}${mod}`, v);
            const sent: Sent = {
              method: "GET",
              path: `${BASE}/${target.type}`,
              query: `${query}${raw}`,
              headers: {
                ...(language ? { "accept-language": language } : {}),
                ...(authorization ? { authorization } : {}),
              },
            };
            await expectContract(sent);
          }),
          { seed, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        throw new Error(
          `${target.type}?${target.name} (reproduce: FUZZ_SEED=${SEED}; this parameter's seed ${seed})\n${(error as Error).message}\n${String((error as Error).cause ?? "")}`,
        );
      }
    }
  }, 600_000);

  it("never answers 5xx to hostile ids in a read", async () => {
    const readable = resources().filter((r) => r.interaction?.some((i) => i.code === "read"));
    for (const resource of readable) {
      await fc.assert(
        fc.asyncProperty(
          hostile,
          fc.option(languages, { nil: undefined }),
          fc.constantFrom(...credentials),
          async (id, language, authorization) => {
            let segment: string;
            try {
              segment = encodeURIComponent(id);
            } catch {
              segment = "%ED%A0%80";
            }
            if (!segment) segment = "%20";
            await expectContract({
              method: "GET",
              path: `${BASE}/${resource.type}/${segment}`,
              headers: {
                ...(language ? { "accept-language": language } : {}),
                ...(authorization ? { authorization } : {}),
              },
            });
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 600_000);

  it("never answers 5xx to hostile operation input (wrong JSON types, empty Bundles, broken Parameters)", async () => {
    const slotIds = [...world.a.slotIds, ...world.b.slotIds];
    const names = [
      "start",
      "end",
      "status",
      "service-type",
      "specialty",
      "location",
      "actor",
      "organization",
      "patient",
      "appointment",
      "resource",
      "_count",
      "identifier",
      "visit-type",
      "slot",
    ];
    const wrongType: fc.Arbitrary<unknown> = fc.oneof(
      fc.constantFrom(null, true, false, 0, -1, 1e308, 2 ** 53 + 1, 0.5, [], {}, "", "x"),
      hostile,
      fc.jsonValue({ maxDepth: 2 }),
    );
    const valueKeys = [
      "valueString",
      "valueDateTime",
      "valueDate",
      "valueInstant",
      "valueInteger",
      "valueBoolean",
      "valueCode",
      "valueReference",
      "valueCoding",
      "valueCodeableConcept",
      "valuePeriod",
      "valueIdentifier",
      "resource",
    ];
    const parameter = fc.record({
      name: fc.oneof(fc.constantFrom(...names), hostile),
      key: fc.constantFrom(...valueKeys),
      value: fc.oneof(
        wrongType,
        fc.constantFrom(
          { reference: `Slot/${slotIds[0]}` },
          { reference: "Slot/" },
          { start: "2026-13-01", end: "x" },
          { resourceType: "Patient", name: [{ text: "\u0000" }], birthDate: "1990-02-30" },
          { resourceType: "Appointment", status: "booked", participant: [] },
          {
            resourceType: "Appointment",
            status: "proposed",
            slot: [{ reference: `Slot/${slotIds[1]}` }],
            participant: [{ status: "needs-action" }],
          },
          { resourceType: "Bundle", type: "transaction", entry: [] },
          { coding: [{ system: "|", code: "" }] },
        ),
      ),
    });
    const bodies: fc.Arbitrary<string | Uint8Array> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.array(parameter, { maxLength: 5 }).map((ps) =>
          JSON.stringify({
            resourceType: "Parameters",
            parameter: ps.map((p) => ({ name: p.name, [p.key]: p.value })),
          }),
        ),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "",
          "{",
          "null",
          "[]",
          "0",
          '"Parameters"',
          "{}",
          '{"resourceType":"Parameters"}',
          '{"resourceType":"Parameters","parameter":{}}',
          '{"resourceType":"Parameters","parameter":[null]}',
          '{"resourceType":"Parameters","parameter":[{}]}',
          '{"resourceType":"Parameters","parameter":[{"name":7}]}',
          '{"resourceType":"Bundle"}',
          '{"resourceType":"Bundle","type":"transaction"}',
          '{"resourceType":"Bundle","type":"transaction","entry":[]}',
          '{"resourceType":"Bundle","type":"transaction","entry":[{}]}',
          '{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"DELETE","url":"Slot"}}]}',
          '{"resourceType":"Appointment"}',
          '{"resourceType":"Slot","status":"free"}',
          '{"resourceType":"OperationOutcome","issue":[]}',
          '{"__proto__":{"polluted":1},"resourceType":"Parameters"}',
          "[".repeat(5_000) + "]".repeat(5_000),
        ),
      },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null") },
      { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 200 }) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }) },
    );
    const operations = declaredEndpoints(statement).filter(
      (e) => e.why.includes("operation") || e.why.includes("system interaction") || e.why.includes("token"),
    );
    let index = 0;
    for (const endpoint of operations) {
      const seed = SEED + 1_000 + index++;
      const arb = fc.record({
        body: bodies,
        query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), hostile), hostile), { maxLength: 3 }),
        raw: rawQuery,
        language: fc.option(languages, { nil: undefined }),
        contentType: fc.constantFrom(
          "application/fhir+json",
          "application/fhir+json",
          "application/json",
          "application/x-www-form-urlencoded",
          "text/plain",
          undefined,
        ),
        authorization: fc.constantFrom(...credentials, undefined, "Bearer x", "Basic YTpi", "Bearer a.b.c"),
      });
      try {
        await fc.assert(
          fc.asyncProperty(arb, async ({ body, query, raw, language, contentType, authorization }) => {
            // The abuse limits would soon answer 429 to everything: start afresh each time.
            await testDb().$executeRaw`DELETE FROM rate_limit`;
            const params = new URLSearchParams();
            for (const [k, v] of query) params.append(k, v);
            const headers: Record<string, string> = {};
            if (language) headers["accept-language"] = language;
            if (contentType && endpoint.method !== "GET") headers["content-type"] = contentType;
            if (authorization) headers.authorization = authorization;
            await expectContract(
              {
                method: endpoint.method,
                path: endpoint.pattern,
                query: `${params}${raw}`,
                headers,
                ...(endpoint.method === "GET" ? {} : { body }),
              },
              endpoint.why.includes("token"),
            );
          }),
          { seed, numRuns: RUNS * 2, endOnFailure: true },
        );
      } catch (error) {
        throw new Error(
          `${endpoint.key} (reproduce: FUZZ_SEED=${SEED}; this endpoint's seed ${seed})\n${(error as Error).message}\n${String((error as Error).cause ?? "")}`,
        );
      }
    }
  }, 900_000);
});
