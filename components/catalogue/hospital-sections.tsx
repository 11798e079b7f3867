// The parts of a hospital's public page (app/[locale]/hospitals/[slug]) below
// its contact card: facts, departments with their booking links, packages,
// direct-billing insurers and the address with map links.
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import { Table } from "@/components/ui/table";
import { formatCny, languageName } from "@/lib/catalogue/format";
import { mapLinks, type getInstitution } from "@/lib/catalogue/get-institution";
import { Link } from "@/lib/i18n/navigation";
import { languageAttributes } from "@/components/ui/localized-text";

type Detail = Awaited<ReturnType<typeof getInstitution>>;
type Props = { d: Detail; locale: string };

export async function HospitalFacts({ d, locale }: Props) {
  const t = await getTranslations("Hospital");
  const tc = await getTranslations("Catalogue");
  const facts: [string, ReactNode][] = [
    [t("grade"), tc(`grade.${d.grade}`)],
    [t("ownership"), tc(`ownership.${d.ownership}`)],
    [t("accreditations"), d.accreditations.length ? d.accreditations.join(", ") : t("none")],
    [t("languages"), d.languages.map((l) => languageName(l, locale)).join(", ")],
    [
      t("services"),
      d.services.length ? (
        <ul className="list-disc ps-5">
          {d.services.map((s) => (
            <li key={s}>{tc(`service.${s}`)}</li>
          ))}
        </ul>
      ) : (
        t("noServices")
      ),
    ],
  ];
  return (
    <Section id="facts-heading" title={t("facts")} className="">
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

export async function HospitalDepartments({ d, locale }: Props) {
  const t = await getTranslations("Hospital");
  const tb = await getTranslations("Booking");
  return (
    <Section id="departments-heading" title={t("departments")} className="">
      {d.departments.length === 0 ? (
        <p className="mt-2">{t("noDepartments")}</p>
      ) : (
        <Table
          labelledBy="departments-heading"
          className="mt-3 w-full max-w-2xl text-start"
          cell="py-2"
          columns={[
            { label: t("department") },
            { label: t("fee"), end: true },
            // Not yet taking bookings online: no booking is offered (the page says whom to call).
            ...(d.takesOnlineBookings ? [{ label: tb("bookDepartment"), hidden: true, end: true }] : []),
          ]}
        >
          {d.departments.map((dep) => (
            <tr key={dep.slug} className="border-b border-slate-100">
              <td className="py-2" {...languageAttributes(dep.nameLocale, locale)}>
                {dep.name}
              </td>
              <td className="py-2 text-end tabular-nums">{formatCny(dep.feeFen, locale)}</td>
              {d.takesOnlineBookings && (
                <td className="py-2 text-end">
                  <Link
                    href={{ pathname: `/book/${d.slug}`, query: { department: dep.slug } }}
                    className="rounded bg-brand-700 px-3 py-1 text-sm font-medium text-white hover:bg-brand-800"
                  >
                    {tb("bookDepartment")}
                  </Link>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

export async function HospitalPackages({ d, locale }: Props) {
  if (d.packages.length === 0) return null;
  const t = await getTranslations("Hospital");
  const tp = await getTranslations("Packages");
  return (
    <Section id="packages-heading" title={t("packages")} className="">
      <ul className="mt-3 space-y-2">
        {d.packages.map((p) => (
          <li key={p.slug}>
            <Link
              href={`/packages/${p.slug}`}
              className="font-medium text-brand-700 underline"
              {...languageAttributes(p.nameLocale, locale)}
            >
              {p.name}
            </Link>{" "}
            <span className="text-slate-700">
              · {tp("sessionsCount", { count: p.sessions })} · {tp("daysCount", { count: p.durationDays })} ·{" "}
              {formatCny(p.priceFen, locale)}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export async function HospitalBilling({ d }: Pick<Props, "d">) {
  const t = await getTranslations("Hospital");
  const tc = await getTranslations("Catalogue");
  return (
    <Section id="billing-heading" title={t("billing")} className="">
      {d.billing.length === 0 ? (
        <p className="mt-2">{t("noBilling")}</p>
      ) : (
        <>
          <p className="mt-2 text-slate-700">{t("billingIntro")}</p>
          <Table
            labelledBy="billing-heading"
            className="mt-3 w-full max-w-3xl"
            cell="py-2"
            columns={[{ label: t("insurer") }, { label: t("scope") }, { label: t("preauth") }]}
          >
            {d.billing.flatMap((b) =>
              b.scopes.map((s, i) => (
                <tr key={`${b.insurer.slug}-${s.scope}`} className="border-b border-slate-100">
                  <td className="py-2 font-medium">{i === 0 ? b.insurer.name : ""}</td>
                  <td className="py-2">{tc(`scope.${s.scope}`)}</td>
                  <td className="py-2">{t("preauthDays", { days: s.preauthLeadDays })}</td>
                </tr>
              )),
            )}
          </Table>
        </>
      )}
    </Section>
  );
}

export async function HospitalAddress({ d }: Pick<Props, "d">) {
  const t = await getTranslations("Hospital");
  return (
    <Section id="address-heading" title={t("address")} className="">
      {d.address && (
        <p className="mt-2" lang={d.addressLocale ?? undefined} dir="auto">
          {d.address}
        </p>
      )}
      <p className="mt-1" lang="zh" dir="ltr">
        {d.addressZh}
      </p>
      <h3 className="mt-4 font-medium">{t("maps")}</h3>
      <ul className="mt-2 flex flex-wrap gap-3">
        {mapLinks(d).map((m) => (
          <li key={m.id}>
            <a
              href={m.href}
              rel="noopener noreferrer"
              className="inline-block rounded border border-slate-300 px-3 py-1.5 text-brand-700 hover:bg-brand-50"
            >
              {m.label}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}
