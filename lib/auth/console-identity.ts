// Use case: who the console's header names: the signed-in user, the role they
// act in, and where they act (their institution in the staff console, their
// cities in the admin console; null for a system admin, who acts everywhere).
import type { DbClient } from "../db/create-client";
import type { Role } from "../db/generated/client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "./actor";
import { requireAdmin, requireStaff } from "./permissions";

export interface ConsoleIdentity {
  name: string;
  role: Role;
  /** The institution or the cities, in the page's language; null for every city. */
  place: string | null;
}

export async function consoleIdentity(
  db: DbClient,
  actor: Actor | null,
  console: "staff" | "admin",
  locale: string,
): Promise<ConsoleIdentity> {
  if (console === "staff") {
    const scope = requireStaff(actor, "console.view");
    const institution = await db.institution.findUniqueOrThrow({
      where: { id: scope.institutionId },
      select: { nameZh: true, translations: nameTranslations(locale) },
    });
    return {
      name: scope.actor.name,
      role: scope.role,
      place: pickName(institution.translations, locale, institution.nameZh),
    };
  }
  const admin = requireAdmin(actor, "admin.view");
  if (!admin.cityIds) return { name: admin.actor.name, role: admin.role, place: null };
  const cities = await db.city.findMany({
    where: { id: { in: admin.cityIds } },
    select: { nameZh: true, translations: nameTranslations(locale) },
    orderBy: { slug: "asc" },
  });
  const names = cities.map((c) => pickName(c.translations, locale, c.nameZh));
  return {
    name: admin.actor.name,
    role: admin.role,
    place: new Intl.ListFormat(locale, { type: "conjunction" }).format(names),
  };
}
