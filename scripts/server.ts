// The portal's HTTP server: Next.js behind a plain node:http server (Next's
// documented custom-server API), so that the app knows each request's TCP
// peer. Before Next sees a request this server deletes any copy of the
// internal peer header the client sent and sets it from the socket
// (markPeerAddress); lib/net/client-address.ts turns it, with TRUSTED_PROXIES
// and X-Forwarded-For, into the client address every limit keys on.
//
//   node --import tsx scripts/server.ts [--dev]
//
// `npm start` and `npm run dev` run it (scripts/start.ts) after the database is
// ready; it reads PORT and the other settings from the environment.
import { createServer } from "node:http";
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";
import { markPeerAddress } from "../lib/net/client-address";
import { applySecurityHeaders, securityHeaders, type SecurityHeaders } from "../lib/http/security-headers";
import { installGracefulShutdown } from "./lib/graceful-shutdown";

const dev = process.argv.includes("--dev");
// Next.js reads NODE_ENV while it loads, so it is set before `next` is imported.
const settable = process.env as Record<string, string | undefined>;
settable.NODE_ENV ??= dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function fail(line: string): never {
  console.error(`[portal] ${line}`);
  process.exit(1);
}

let port: number;
let headers: SecurityHeaders;
try {
  const env = parseEnv(process.env);
  port = env.PORT;
  headers = securityHeaders({ publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${port}`, dev });
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

const { default: next } = await import("next");
const server = createServer();
const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), port, httpServer: server });
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  markPeerAddress(req);
  applySecurityHeaders(req, res, headers);
  handle(req, res).catch((error: unknown) => {
    console.error(`[portal] Failed to handle ${req.method} ${req.url}`, error);
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  });
});
// Next.js adds its own upgrade listener (websockets, hot reload): the header is set before it runs.
server.prependListener("upgrade", (req) => markPeerAddress(req));
server.on("error", (error: NodeJS.ErrnoException) =>
  fail(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use. Stop that process or set PORT to another port.`
      : `The HTTP server failed: ${error.message}`,
  ),
);

// SIGTERM / SIGINT: stop taking requests, finish those in flight, then exit (scripts/lib/graceful-shutdown.ts).
installGracefulShutdown({ server, app });

server.listen(port, () =>
  console.log(`[portal] ${dev ? "Development" : "Production"} server on port ${port}`),
);
