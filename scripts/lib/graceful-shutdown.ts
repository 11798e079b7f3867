// How the portal's HTTP server (scripts/server.ts) stops on SIGTERM or SIGINT:
// stop accepting, let requests in flight finish (at most 8 s), then let Next
// clean up and exit 143 (SIGTERM) or 130 (SIGINT).
import type { Server } from "node:http";

export interface ShutdownTargets {
  server: Server;
  app: { close(): Promise<void> };
}

export function installGracefulShutdown({ server, app }: ShutdownTargets): void {
  let stopping = false;
  async function stop(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 8_000);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await app.close().catch((error: unknown) => console.error(error));
    process.exit(signal === "SIGINT" ? 130 : 143);
  }
  process.on("SIGTERM", (s) => void stop(s));
  process.on("SIGINT", (s) => void stop(s));
}
