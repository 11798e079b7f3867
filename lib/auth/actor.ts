// Who is acting: the signed-in user with their role assignments. Every staff
// and admin use case takes an Actor; the edges get it from the session cookie.
import type { DbClient } from "../db/create-client";
import type { Role } from "../db/generated/client";
import { recordActorRole, staffRoleName } from "../observability/request-context";
import { authFor } from "./auth";

export interface RoleGrant {
  role: Role;
  institutionId: string | null;
  cityId: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: string;
  sessionId: string | null;
  roles: RoleGrant[];
}

/** The actor behind a user id (for use cases and tests), or null if the user is unknown or disabled. */
export async function loadActor(db: DbClient, userId: string, sessionId: string | null = null) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      disabledAt: true,
      roles: { select: { role: true, institutionId: true, cityId: true }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user || user.disabledAt) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    sessionId,
    roles: user.roles,
  } satisfies Actor;
}

/** The actor of a request's session cookie, or null when signed out (or the session expired). */
export async function actorFromHeaders(db: DbClient, headers: Headers): Promise<Actor | null> {
  const session = await authFor(db).api.getSession({ headers });
  if (!session) return null;
  const actor = await loadActor(db, session.user.id, session.session.id);
  if (actor) recordActorRole(staffRoleName(actor.roles)); // the access log's role (lib/observability/http-log.ts)
  return actor;
}
