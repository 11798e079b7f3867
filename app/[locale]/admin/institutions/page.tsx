import { getTranslations } from "next-intl/server";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { listCityInstitutions } from "@/lib/guide/admission-standard";
import { Link } from "@/lib/i18n/navigation";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { CityPicker } from "@/components/admin/city-picker";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.institutions");

export default async function InstitutionsPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const path = `/${locale}/admin/institutions`;
  const scope = await adminPage("guide.manage", locale, path);
  const city = (await searchParams).city;
  const data = await listCityInstitutions(
    getDb(),
    scope.actor,
    typeof city === "string" ? city : undefined,
    locale,
  ).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.institutions");
  const ti = await getTranslations("Import");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p className="max-w-3xl text-slate-700">{t("intro", { city: data.city.name })}</p>
      <CityPicker cities={data.city.cities} current={data.city.slug} />
      <Link
        href={{ pathname: "/admin/institutions/new", query: { city: data.city.slug } }}
        className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        {t("add")}
      </Link>
      <Link
        href={{ pathname: "/admin/import", query: { city: data.city.slug } }}
        className="ms-4 inline-block text-brand-700 underline"
      >
        {ti("fromInstitutions")}
      </Link>
      <Table
        caption={t("caption", { city: data.city.name })}
        columns={[{ label: t("name") }, { label: t("standard"), end: true }, { label: t("listed") }]}
      >
        {data.institutions.map((i) => (
          <Row key={i.slug}>
            <RowHeader>
              <Link href={`/admin/institutions/${i.slug}`} className="text-brand-700 underline">
                {i.name}
              </Link>
              <span lang="zh" className="ms-2 font-normal text-slate-600">
                {i.nameZh}
              </span>
            </RowHeader>
            <Cell end>{t("criteriaMet", { met: i.criteriaMet, total: data.criteriaTotal })}</Cell>
            <Cell>{i.listed ? t("yes") : t("no")}</Cell>
          </Row>
        ))}
      </Table>
    </div>
  );
}
