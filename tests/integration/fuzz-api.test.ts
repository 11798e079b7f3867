// Rule 6 as a property (issue 14): for every operation of /api/v1/openapi.json
// (and the API routes it does not list), random and hostile values for every
// parameter, header and body field, sent to the real route handlers on a real
// database with rows to find, never get a 5xx, and every error is
// {"error":{"code","message","fields"?}}. Reproduce a failure with the seed it
// prints: FUZZ_SEED=<seed> npx vitest run tests/integration/fuzz-api.test.ts
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../lib/auth/sign-in";
import { apiRoutes } from "../../lib/http/api-routes";
import { openApiDocument } from "../../lib/openapi/document";
import { locales } from "../../lib/i18n/locales";
import { startOutboxWorker, stopOutboxWorker } from "../../lib/notify/worker";
import { testDb } from "../helpers/db";
import { book, createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";

type Schema = { [key: string]: unknown };
type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

interface Param {
  name: string;
  in: "path" | "query" | "header";
  schema: Schema;
}

interface Operation {
  name: string;
  method: "GET" | "POST";
  /** Where the route's folder is under app/: the document's server (/api/v1) or its path's (/api). */
  base: string;
  /** The OpenAPI path under `base`, e.g. /hospitals/{slug}. */
  path: string;
  params: Param[];
  body?: Schema;
  /** Authorization: Bearer <manage token> (the manage booking routes). */
  bearer: boolean;
  /** A signed-in session's cookie (the staff and admin routes). */
  session: boolean;
  runs: number;
}

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

// ---------------------------------------------------------------- the operations

const doc = openApiDocument("http://localhost") as unknown as {
  servers: { url: string }[];
  paths: Record<string, Record<string, Schema> & { servers?: { url: string }[] }>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Schema> };
};

/** A schema, with a $ref into components.schemas followed (anything when it does not resolve). */
function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const name = ref.replace(/^#\/components\/schemas\//, "");
  return resolve(doc.components.schemas[name]);
}

const locale: Param = { name: "locale", in: "query", schema: { type: "string", enum: [...locales] } };

/** Routes the OpenAPI document does not describe: any other path under /api/v1 (a 404, whatever the method). */
const undocumented: Omit<Operation, "runs" | "base">[] = (["GET", "POST"] as const).map((method) => ({
  name: `${method} /{...path} (no such route)`,
  method,
  path: "/{...path}",
  params: [{ name: "path", in: "path" as const, schema: { type: "string" } }, locale],
  bearer: false,
  session: false,
}));

/**
 * Requests per operation: the PDF routes render whole documents, so fewer of them; an
 * operation with no parameters and no body has nothing to vary but headers and junk in the query.
 */
function runsFor(path: string, params: Param[], body: Schema | undefined) {
  if (/pdf|visa-letter/.test(path)) return Math.ceil(RUNS / 4);
  return params.length === 0 && !body ? Math.ceil(RUNS / 10) : RUNS;
}

/** The parameters a security requirement adds: an API key in the query is one more parameter. */
function securityOf(op: Schema): { bearer: boolean; session: boolean; params: Param[] } {
  const names = ((op.security ?? []) as Record<string, string[]>[]).flatMap((r) => Object.keys(r));
  const schemes = names.map((name) => doc.components.securitySchemes[name]!);
  return {
    bearer: schemes.some((s) => s.type === "http" && s.scheme === "bearer"),
    session: schemes.some((s) => s.type === "apiKey" && s.in === "cookie"),
    params: schemes
      .filter((s) => s.type === "apiKey" && s.in === "query")
      .map((s) => ({ name: s.name as string, in: "query" as const, schema: { type: "string" } })),
  };
}

function operations(): Operation[] {
  const documented: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const server = (item.servers ?? doc.servers)[0]!.url;
    for (const method of ["get", "post"] as const) {
      const op = item[method];
      if (!op) continue;
      const security = securityOf(op);
      const params = [
        ...((op.parameters ?? []) as (Param & { schema?: Schema })[]).map((p) => ({
          name: p.name,
          in: p.in,
          schema: resolve(p.schema),
        })),
        ...security.params,
      ];
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content;
      const bodySchema = content?.["application/json"]?.schema;
      const body = bodySchema ? resolve(bodySchema) : undefined;
      documented.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Operation["method"],
        base: server.replace(/^http:\/\/localhost/, ""),
        path,
        params,
        body,
        bearer: security.bearer,
        session: security.session,
        runs: runsFor(path, params, body),
      });
    }
  }
  return [
    ...documented,
    ...undocumented.map((op) => ({ ...op, base: "/api/v1", runs: runsFor(op.path, op.params, undefined) })),
  ];
}

/** The route module of an OpenAPI path: /hospitals/{slug} -> app/api/v1/hospitals/[slug]/route.ts. */
async function handlerOf(op: Operation): Promise<Handler> {
  const dir = `${op.base}${op.path}`.replace(
    /\{(\.\.\.)?(\w+)\}/g,
    (_m, rest: string | undefined, name: string) => (rest ? `[...${name}]` : `[${name}]`),
  );
  const routeModule = (await import(/* @vite-ignore */ `../../app${dir}/route`)) as Record<string, Handler>;
  const handler = routeModule[op.method];
  if (!handler) throw new Error(`${op.name}: app${dir}/route.ts exports no ${op.method}`);
  return handler;
}

// ---------------------------------------------------------------- the data to find

let world: World;
const known: Record<string, string[]> = {};
const tokens: string[] = [];
const cookies: string[] = [];

async function cookieOf(email: string, n: number): Promise<string> {
  const response = await signIn(
    testDb(),
    { email, password: PASSWORD },
    { address: `198.51.100.${n}`, headers: new Headers() },
  );
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

beforeAll(async () => {
  // As in a server, an outbox worker runs in the process: /api/health/ready answers 200 only then.
  startOutboxWorker({ mailer: { send: async () => {} } });
  const db = testDb();
  world = await createWorld(db);
  const city = await db.city.findUniqueOrThrow({ where: { id: world.cityId } });
  await db.city.update({
    where: { id: city.id },
    data: { translations: { create: [{ locale: "en", name: "Fuzz City" }] } },
  });
  const pkg = await db.tcmPackage.create({
    data: {
      slug: "fuzz-tuina",
      institutionId: world.a.institutionId,
      conditions: ["neck_back_pain"],
      therapies: ["tuina", "acupuncture"],
      sessions: 3,
      durationDays: 7,
      priceFen: 300_000,
      translations: {
        create: {
          locale: "en",
          name: "Neck and back",
          description: "Tuina and acupuncture",
          treatmentPlan: "Three sessions",
          expectedOutcome: "Less pain",
          contraindications: "None known",
        },
      },
    },
  });
  const schedule = await db.schedule.create({
    data: { institutionId: world.a.institutionId, packageId: pkg.id },
  });
  const packageSlots = await Promise.all(
    [4, 5].map((days) =>
      db.slot.create({
        data: {
          institutionId: world.a.institutionId,
          scheduleId: schedule.id,
          packageId: pkg.id,
          startsAt: new Date(Date.now() + days * DAY),
          endsAt: new Date(Date.now() + days * DAY + 60 * 60_000),
          capacity: 20,
        },
      }),
    ),
  );
  const insurer = await db.insurer.create({ data: { slug: "fuzz-insurer", name: "Fuzz Insurance" } });
  await db.directBillingAgreement.create({
    data: {
      institutionId: world.a.institutionId,
      insurerId: insurer.id,
      scope: "OUTPATIENT",
      validFrom: new Date(Date.now() - 30 * DAY),
    },
  });
  await db.guide.create({
    data: {
      cityId: city.id,
      versions: {
        create: {
          version: 1,
          status: "PUBLISHED",
          publishedAt: new Date(),
          institutionsSnapshot: [],
          sections: {
            create: {
              key: "EMERGENCIES",
              position: 0,
              translations: {
                create: [
                  { locale: "en", title: "Emergencies", body: "Call 120." },
                  { locale: "zh", title: "急救", body: "拨打 120。" },
                ],
              },
            },
          },
        },
      },
    },
  });
  // Bookings to read, cancel, erase and move: each kept by its own operations.
  const bookings = await Promise.all([0, 1, 2, 3].map((i) => book(db, world.a, i)));
  tokens.push(...bookings.map((b) => b.manageToken));
  cookies.push(await cookieOf(world.emails.staffA!, 1), await cookieOf(world.emails.cityAdmin!, 2));

  Object.assign(known, {
    slug: [world.a.slug, world.b.slug, pkg.slug],
    hospital: [world.a.slug, world.b.slug],
    city: [city.slug],
    insurer: ["fuzz-insurer", "self"],
    department: ["general"],
    package: [pkg.slug],
    reference: bookings.map((b) => b.reference),
    slotId: [...world.a.slotIds, ...world.b.slotIds, ...packageSlots.map((s) => s.id)],
    from: [isoDay(0), isoDay(3), isoDay(-1)],
    to: [isoDay(7), isoDay(30), isoDay(90)],
    date: [isoDay(1), isoDay(10), isoDay(400)],
    token: tokens,
    path: ["nothing", "hospitals/x/y", "v2/hospitals"],
  });
});

// ---------------------------------------------------------------- values

/** Strings that broke, or could break, something somewhere. */
const HOSTILE = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%00",
  "%zz",
  "%C0%AF",
  "\uD800",
  "\uDFFF\uD800x",
  "\u202Eevil",
  "\uFEFF",
  "\r\n",
  "\t",
  "' OR 1=1 --",
  "'; DROP TABLE booking; --",
  "\\",
  "%",
  "_",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-Infinity",
  "-1",
  "0",
  "-0",
  "1e309",
  "9".repeat(400),
  "-9223372036854775809",
  "0x10",
  "1.5",
  "２",
  "٣",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "e\u0301",
  "👩‍👩‍👧",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "ﷺ",
  "北京",
  "IPP-AAAA-AAAA",
  "2024-02-30",
  "0000-00-00",
  "9999-12-31",
  "275760-09-13",
];

/** Any UTF-16 code unit: control characters, lone surrogates, private use, everything. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/**
 * Hostile text, up to `huge` characters long. A URL stays under 16 KB (a server refuses a
 * longer one before any route runs); a JSON field may fill the whole body.
 */
const hostile = (huge: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 3, arbitrary: fc.string({ unit: anyUnit, maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 201, max: huge }), fc.constantFrom("a", "é", "医", "\u0000", "%", "9", " "))
        .map(([n, c]) => c.repeat(n)),
    },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  );
const hostileInUrl = hostile(2_000);
const hostileInJson = hostile(70_000);

/** JSON values of the wrong type for any field. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

function validValue(raw: Schema, name: string): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  // Rows to find, when they fit the schema (a slot query's "from" is a day, a report's a month).
  const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : undefined;
  const rows = (known[name] ?? []).filter((value) => !pattern || pattern.test(value));
  if (rows.length) return fc.constantFrom(...rows);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf))
    return fc.oneof(...(schema.anyOf as Schema[]).map((s) => validValue(s, name)));
  switch (schema.type) {
    case "integer":
      return fc.integer({
        min: typeof schema.minimum === "number" ? schema.minimum : -1_000_000,
        max: typeof schema.maximum === "number" ? schema.maximum : 1_000_000,
      });
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "object":
      return objectFrom(schema);
    case "array":
      return fc.array(validValue((schema.items ?? {}) as Schema, name), { maxLength: 3 });
    case "string":
      if (typeof schema.pattern === "string") return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({
        minLength: typeof schema.minLength === "number" ? schema.minLength : 0,
        maxLength: Math.min(typeof schema.maxLength === "number" ? schema.maxLength : 30, 60),
      });
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Mostly valid, often hostile, sometimes of the wrong type. */
function fieldValue(schema: Schema, name: string, inJson: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, name) },
    { weight: 3, arbitrary: inJson ? hostileInJson : hostileInUrl },
    ...(inJson ? [{ weight: 2, arbitrary: wrongType }] : []),
  );
}

/** An object from a JSON schema: each property present or not, valid or not, plus unknown ones. */
function objectFrom(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (resolve(schema).properties ?? {}) as Record<string, Schema>;
  const entries = Object.entries(properties).map(([key, s]) =>
    fc.option(
      fieldValue(s, key, true).map((value) => [key, value] as const),
      { nil: undefined, freq: 4 },
    ),
  );
  const extra = fc.option(
    fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "id"), fc.string()), wrongType),
    {
      nil: undefined,
      freq: 3,
    },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
    const out: Record<string, unknown> = {};
    for (const pair of [...pairs, more]) if (pair) define(out, pair[0], pair[1]);
    return out;
  });
}

/** An own property, even "__proto__" (plain assignment would set the prototype instead). */
function define(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

const patient = {
  name: "Layla Haddad",
  nationality: "JO",
  dateOfBirth: "1990-06-01",
  email: "layla@example.com",
  phone: "+962 7 9123 4567",
  preferredLanguage: "ar",
  reasonForVisit: "Migraine",
  interpreterWanted: true,
  paymentMethod: "SELF_PAY",
  consentTerms: true,
  consentSensitive: true,
};

/** A body the operation accepts, with up to three fields changed, removed or added. */
function mutatedValid(op: Operation): fc.Arbitrary<Record<string, unknown>> {
  const schema = op.body!;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(properties);
  const base = fc
    .constantFrom(...known.slotId!)
    .map((slotId) => (op.path === "/bookings" ? { ...patient, slotId } : { slotId }));
  const mutation = fc.oneof(
    fc.record({
      kind: fc.constant("set" as const),
      key: fc.constantFrom(...keys, "extra", "__proto__"),
      value: fc.oneof(hostileInJson, wrongType),
    }),
    fc.record({
      kind: fc.constant("delete" as const),
      key: fc.constantFrom(...keys),
      value: fc.constant(null),
    }),
  );
  return fc.tuple(base, fc.array(mutation, { maxLength: 3 })).map(([body, mutations]) => {
    const out: Record<string, unknown> = { ...body };
    for (const m of mutations) {
      if (m.kind === "delete") delete out[m.key];
      else define(out, m.key, m.value);
    }
    return out;
  });
}

const deep = (open: string, inner: string, close: string, n: number) =>
  open.repeat(n) + inner + close.repeat(n);

/** Bodies that are not the JSON asked for: broken, of another type, too big, not UTF-8. */
const rawBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "[]",
    "null",
    "true",
    "0",
    '"x"',
    '{"slotId":',
    "\uFEFF{}",
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    "NaN",
    "{'a':1}",
    '{"a":1,}',
    deep("[", "", "]", 5_000),
    deep('{"a":', "1", "}", 3_000),
    `{"slotId":"${"\\u0000".repeat(10)}"}`,
    '{"slotId":"\\ud800"}',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
  fc.string({ unit: anyUnit, maxLength: 200 }),
  fc.integer({ min: 65_000, max: 300_000 }).map((n) => JSON.stringify({ slotId: "a".repeat(n) })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }),
);

const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, "").trim();
const asciiJunk = fc.string({ unit: "binary-ascii", maxLength: 80 }).map(headerSafe);

// ---------------------------------------------------------------- requests

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  params: Record<string, unknown>;
}

function requestArb(op: Operation): fc.Arbitrary<Sent> {
  const pathParams = op.params.filter((p) => p.in === "path");
  const queryParams = op.params.filter((p) => p.in === "query");
  const headerParams = op.params.filter((p) => p.in === "header");

  const pathValues = fc.tuple(
    ...pathParams.map((p) =>
      p.name === "path"
        ? fc.array(fc.oneof(fc.constantFrom(...known.path!), hostileInUrl), { minLength: 1, maxLength: 3 })
        : fieldValue(p.schema, p.name, false),
    ),
  );
  const queryValues = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        fc.oneof(
          { weight: 8, arbitrary: fieldValue(p.schema, p.name, false).map(String) },
          {
            weight: 1,
            arbitrary: fc.array(fieldValue(p.schema, p.name, false).map(String), {
              minLength: 2,
              maxLength: 3,
            }),
          },
        ),
        { nil: undefined, freq: 2 },
      ),
    ),
  );
  const extraQuery = fc.option(
    fc.tuple(fc.oneof(fc.constantFrom("q", "x", "locale", "token"), hostileInUrl), hostileInUrl),
    {
      nil: undefined,
      freq: 4,
    },
  );
  // Appended as written: percent-encoding that does not decode, empty names, bare names.
  const rawQuery = fc.constantFrom(
    "",
    "",
    "",
    "&q=%zz",
    "&%00=1",
    "&=",
    "&&&",
    "&locale",
    "&q=%",
    "&page=%FF",
    "&tcm=%E0%A4%A",
  );

  const headers = fc.record({
    "accept-language": fc.option(
      fc.oneof(
        fc.constantFrom(
          ...locales,
          "zh-CN,zh;q=0.9",
          "*",
          "ar;q=abc",
          "xx",
          ";;;,,",
          "en;q=-1",
          "fr;q=1e999",
        ),
        asciiJunk,
      ),
      { nil: undefined },
    ),
    authorization: op.bearer
      ? fc.option(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...tokens).map((t) => `Bearer ${t}`) },
            { weight: 2, arbitrary: asciiJunk.map((s) => `Bearer ${s}`) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                "Bearer",
                "Basic YTpi",
                `bearer ${tokens[0]}`,
                `Bearer ${tokens[0]} x`,
              ),
            },
          ),
          { nil: undefined },
        )
      : fc.constant(undefined),
    cookie: op.session
      ? fc.option(
          fc.oneof(
            fc.constantFrom(...cookies),
            asciiJunk.map((s) => `better-auth.session_token=${s}`),
          ),
          {
            nil: undefined,
          },
        )
      : fc.constant(undefined),
    "idempotency-key": headerParams.some((p) => p.name === "Idempotency-Key")
      ? fc.option(fc.oneof(fc.uuid(), asciiJunk, fc.constantFrom("short", "k".repeat(300))), {
          nil: undefined,
          freq: 5,
        })
      : fc.constant(undefined),
    "content-type":
      op.method === "POST"
        ? fc.constantFrom(
            "application/json",
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded",
            undefined,
          )
        : fc.constant(undefined),
    "x-forwarded-for": fc.oneof(fc.ipV4(), fc.ipV6(), asciiJunk),
  });

  const body: fc.Arbitrary<string | Uint8Array | undefined> =
    op.method !== "POST"
      ? fc.constant(undefined)
      : op.body
        ? fc.oneof(
            { weight: 5, arbitrary: mutatedValid(op).map((b) => JSON.stringify(b)) },
            { weight: 3, arbitrary: objectFrom(op.body).map((b) => JSON.stringify(b)) },
            { weight: 2, arbitrary: rawBody },
          )
        : fc.option(rawBody, { nil: undefined });

  return fc
    .tuple(pathValues, queryValues, extraQuery, rawQuery, headers, body)
    .map(([pathList, queryList, extra, raw, headerValues, payload]) => {
      const params: Record<string, unknown> = {};
      let path = op.path;
      pathParams.forEach((p, i) => {
        const value = pathList[i];
        params[p.name] = Array.isArray(value) ? value.map(String) : String(value);
        const segments = (Array.isArray(value) ? value : [value]).map((v) => {
          try {
            return encodeURIComponent(String(v));
          } catch {
            return "%ED%A0%80"; // a lone surrogate: not encodable, as a client would send it anyway
          }
        });
        path = path.replace(/\{(\.\.\.)?\w+\}/, segments.join("/"));
      });
      const query = new URLSearchParams();
      queryParams.forEach((p, i) => {
        const value = queryList[i];
        if (value !== undefined) for (const v of [value].flat()) query.append(p.name, v);
      });
      if (extra) query.append(extra[0], extra[1]);
      const search = `${query}${raw}`;
      const headers = Object.fromEntries(
        Object.entries(headerValues).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
      return {
        url: `http://localhost${op.base}${path}${search ? `?${search}` : ""}`,
        method: op.method,
        headers,
        body: payload,
        params,
      };
    });
}

function describeSent(sent: Sent): string {
  const body =
    sent.body === undefined
      ? ""
      : typeof sent.body === "string"
        ? JSON.stringify(
            sent.body.length > 300 ? `${sent.body.slice(0, 300)}… (${sent.body.length} chars)` : sent.body,
          )
        : `bytes ${Buffer.from(sent.body).toString("hex")}`;
  return `${sent.method} ${sent.url.slice(0, 500)}\nparams ${JSON.stringify(sent.params).slice(0, 300)}\nheaders ${JSON.stringify(sent.headers)}\nbody ${body}`;
}

// ---------------------------------------------------------------- the property

const stats = { requests: 0, retried: 0, byStatus: new Map<number, number>() };

/** What is wrong with an answer, or null when it keeps rule 6. */
async function problemWith(response: Response): Promise<string | null> {
  stats.byStatus.set(response.status, (stats.byStatus.get(response.status) ?? 0) + 1);
  if (response.status >= 500) return `answered ${response.status}: ${(await response.text()).slice(0, 300)}`;
  if (response.status < 400) {
    await response.arrayBuffer();
    return null;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const shapeOk =
    body !== null &&
    typeof body === "object" &&
    Object.keys(body).length === 1 &&
    error !== undefined &&
    typeof error === "object" &&
    typeof error.code === "string" &&
    typeof error.message === "string" &&
    error.message.length > 0 &&
    !error.message.startsWith("Errors.") &&
    Object.keys(error).every((k) => ["code", "message", "fields", "details"].includes(k)) &&
    (error.fields === undefined ||
      (typeof error.fields === "object" &&
        Object.values(error.fields as object).every((v) => typeof v === "string" && v.length > 0)));
  return shapeOk ? null : `answered ${response.status} without the error shape: ${text.slice(0, 300)}`;
}

const ops = operations();

afterAll(() => stopOutboxWorker());

// Operations run side by side (as a server's requests do), within each one request after request.
describe.concurrent(`the API under random and hostile input (seed ${SEED})`, () => {
  afterAll(() => {
    const statuses = [...stats.byStatus.entries()].sort((a, b) => a[0] - b[0]);
    console.log(
      `fuzz: ${stats.requests} requests over ${ops.length} operations, seed ${SEED}; statuses ${statuses
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}; ${stats.retried} retried after a 503`,
    );
  });

  it("covers every operation of the OpenAPI document and every API route", () => {
    const routes = Object.entries(apiRoutes).flatMap(([pattern, methods]) =>
      methods.map((m) => `${m} ${pattern}`),
    );
    const fuzzed = ops
      .filter((op) => !op.path.includes("{...path}"))
      .map((op) => `${op.method} ${op.base}${op.path.replace(/\{(\w+)\}/g, "[$1]")}`);
    expect(fuzzed.sort()).toEqual(routes.sort());
    expect(ops.filter((op) => op.path.includes("{...path}"))).toHaveLength(2);
    // Every route with a [param] folder (the API's and the reference page's files, /api/docs/{asset}).
    expect(ops.filter((op) => op.params.some((p) => p.in === "path" && p.name !== "path"))).toHaveLength(
      Object.keys(apiRoutes).filter((pattern) => /\[\w+\]/.test(pattern)).length,
    );
  });

  it.each(ops.map((op, index) => [op.name, op, index] as const))(
    "%s",
    async (_name, op, index) => {
      const handler = await handlerOf(op);
      const seed = SEED + index;
      const limited = op.path === "/holds" || op.path.startsWith("/bookings");
      try {
        await fc.assert(
          fc.asyncProperty(requestArb(op), async (sent) => {
            // The abuse limits would soon answer 429 to everything past the first few: start afresh.
            if (limited) await testDb().$executeRaw`DELETE FROM rate_limit`;
            const send = async () => {
              stats.requests += 1;
              const request = new Request(sent.url, {
                method: sent.method,
                headers: sent.headers,
                body:
                  typeof sent.body === "string" || sent.body === undefined
                    ? sent.body
                    : Buffer.from(sent.body),
              });
              return handler(request, { params: Promise.resolve(sent.params) });
            };
            let response = await send();
            // 503 DATABASE_UNAVAILABLE is the answer to a database too busy to answer in time (a
            // loaded CI machine): the same request again after 1, 2 and 4 s. An input that itself
            // makes the database time out answers 503 every time, and fails.
            for (let pause = 1_000; response.status === 503 && pause <= 4_000; pause *= 2) {
              stats.retried += 1;
              await response.arrayBuffer();
              await new Promise((resolve) => setTimeout(resolve, pause));
              response = await send();
            }
            const problem = await problemWith(response);
            if (problem) throw new Error(`${problem}\n${describeSent(sent)}`);
          }),
          { seed, numRuns: op.runs, endOnFailure: true },
        );
      } catch (error) {
        throw new Error(
          `${op.name} broke rule 6 (reproduce: FUZZ_SEED=${SEED} npx vitest run tests/integration/fuzz-api.test.ts; this operation's seed ${seed})\n${(error as Error).message}\n${String((error as Error).cause ?? "")}`,
        );
      }
    },
    Math.max(120_000, RUNS * 1_000),
  );
});
