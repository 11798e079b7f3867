// The read replicas' status where metrics and the ready check can read it
// (lib/db/replicas.ts registers its router here when it starts). No
// "server-only" and no database import: scripts/server.ts's metrics listener
// loads lib modules outside Next's bundle, and Next's bundle loads them again,
// so the one provider is kept on globalThis (as lib/observability/pools.ts does).

/** What the router knows about one replica. */
export interface ReplicaStatus {
  /** "replica-1", …: the pool's metric label, never the URL. */
  role: string;
  /** Catalogue reads may go to it now. */
  usable: boolean;
  /** Not reachable at the last attempt (a query or a check). */
  down: boolean;
  /** Seconds behind the primary at the last check (0: caught up); undefined before the first. */
  lagSeconds: number | undefined;
}

const key = Symbol.for("portal.replicaStatus");
const holder = globalThis as unknown as { [key]?: () => Promise<ReplicaStatus[]> };

/** Called by the router: `measure` checks every replica now and answers their status. */
export function provideReplicaStatus(measure: (() => Promise<ReplicaStatus[]>) | undefined): void {
  holder[key] = measure;
}

/**
 * Every replica's status, measured now (at most about a second). Empty when no
 * replica is configured, or before the first catalogue read started the router.
 */
export async function replicaStatus(): Promise<ReplicaStatus[]> {
  return holder[key] ? holder[key]() : [];
}
