// console.* as log lines, for the server process (scripts/server.ts): Next's
// own start-up lines and a library's warnings come out as JSON lines with
// component "console", so that everything on the server's stdout is JSON.
import { format, stripVTControlCharacters, types } from "node:util";
import type { Logger } from "pino";
import { log } from "../../lib/observability/log";

const LEVELS = {
  log: "info",
  info: "info",
  warn: "warn",
  error: "error",
  debug: "debug",
  trace: "trace",
} as const;

/** Replaces console.log/info/warn/error/debug/trace; an Error among the arguments is logged as `err`. */
export function routeConsoleToLog(logger: Logger = log): void {
  const consoleLog = logger.child({ component: "console" });
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error || types.isNativeError(arg));
      const text = stripVTControlCharacters(format(...args.filter((arg) => arg !== error))).trim();
      if (error) consoleLog[level]({ err: error }, text || (error as Error).message);
      else consoleLog[level](text);
    };
  }
}
