// Use case: the departments and packages of the actor's institution as
// filter options ("d:<slug>", "p:<slug>") with their names in the locale.
import { z } from "zod";
import type { DbClient } from "../db/create-client";
import { nameTranslations, pickName } from "../i18n/content";
import type { Actor } from "../auth/actor";
import { requireStaff } from "../auth/permissions";

/** "d:<slug>" for a department, "p:<slug>" for a package. */
export const serviceSchema = z.string().regex(/^[dp]:[a-z0-9-]{1,80}$/);

export async function listServices(db: DbClient, actor: Actor | null, locale: string) {
  const scope = requireStaff(actor, "booking.read");
  const tr = nameTranslations(locale);
  const [departments, packages] = await Promise.all([
    db.department.findMany({
      where: { institutionId: scope.institutionId },
      select: { slug: true, translations: tr },
    }),
    db.tcmPackage.findMany({
      where: { institutionId: scope.institutionId },
      select: { slug: true, translations: tr },
    }),
  ]);
  const name = (i: (typeof departments)[number]) => pickName(i.translations, locale, i.slug);
  return [
    ...departments.map((d) => ({ value: `d:${d.slug}`, name: name(d) })),
    ...packages.map((p) => ({ value: `p:${p.slug}`, name: name(p) })),
  ];
}
