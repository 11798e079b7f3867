// The process's shutdown state and what must stop before it exits. Kept on
// globalThis: Next's server bundle (the readiness route, the outbox worker) and
// the custom server (scripts/server.ts, scripts/lib/graceful-shutdown.ts) load
// this module separately and must see one state. No imports: the custom server
// loads it outside Next.

/**
 * "drain" hooks run while requests in flight finish (the outbox worker stops
 * and releases its leases); "close" hooks run after them, just before the
 * database pools end (the health check's own pool).
 */
export type ShutdownPhase = "drain" | "close";

export interface ShutdownHook {
  name: string;
  phase: ShutdownPhase;
  /** Must settle by `deadline` (a Date.now() value); the shutdown does not wait longer. */
  run(deadline: number): Promise<void>;
}

interface Lifecycle {
  shuttingDownSince?: number;
  hooks: Map<string, ShutdownHook>;
}

const key = Symbol.for("portal.lifecycle");
const globalLifecycle = globalThis as unknown as { [key]?: Lifecycle };

function state(): Lifecycle {
  return (globalLifecycle[key] ??= { hooks: new Map() });
}

/** From now on /api/health/ready answers 503 (shutdown: "draining"). */
export function markShuttingDown(now = Date.now()): void {
  state().shuttingDownSince ??= now;
}

export function shuttingDownSince(): number | undefined {
  return state().shuttingDownSince;
}

/** Registers (or replaces, by name) what to run on shutdown; returns its removal. */
export function onShutdown(name: string, phase: ShutdownPhase, run: ShutdownHook["run"]): () => void {
  const hook: ShutdownHook = { name, phase, run };
  state().hooks.set(name, hook);
  return () => {
    if (state().hooks.get(name) === hook) state().hooks.delete(name);
  };
}

export function shutdownHooks(phase: ShutdownPhase): ShutdownHook[] {
  return [...state().hooks.values()].filter((hook) => hook.phase === phase);
}

/** Tests only: a process that is not shutting down, with no hooks. */
export function resetLifecycle(): void {
  globalLifecycle[key] = { hooks: new Map() };
}
