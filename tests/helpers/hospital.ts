// A public (or private) institution with one general-practice department, in a
// new city: the smallest catalogue a booking test needs.
import type { DbClient } from "../../lib/db/create-client";
import type { Ownership } from "../../lib/db/generated/client";

export async function createHospital(
  db: DbClient,
  options: { slug: string; nameZh: string; ownership?: Ownership; cityId?: string },
) {
  const cityId =
    options.cityId ??
    (await db.city.create({ data: { slug: `${options.slug}-city`, nameZh: "测试市", province: "Test" } })).id;
  const inst = await db.institution.create({
    data: {
      slug: options.slug,
      cityId,
      nameZh: options.nameZh,
      addressZh: "测试路 1 号",
      latitude: 39.9,
      longitude: 116.4,
      ownership: options.ownership ?? "PUBLIC",
      intlDeptPhone: "+86 10 6915 6699",
    },
  });
  const dept = await db.department.create({
    data: {
      institutionId: inst.id,
      slug: "general",
      specialty: "general_practice",
      consultationFeeFen: 50_000,
    },
  });
  return { inst, dept, cityId };
}
