// The parts of an institution's admin page (app/[locale]/admin/institutions/[slug]):
// opening hours, departments, translations and the first manager. Each gets
// its data and its server action from the page.
import { getTranslations } from "next-intl/server";
import { Field, SelectField } from "@/components/ui/field";
import { FormSection, Section } from "@/components/ui/section";
import { Row, RowHeader, Table } from "@/components/ui/table";
import { languageNames, weekdayNames } from "@/components/ui/formats";
import type { ActionFormProps } from "@/components/staff/action-form";
import { specialties } from "@/lib/catalogue/codes";
import { formatCny } from "@/lib/catalogue/format";
import { pickName } from "@/lib/i18n/content";
import { locales } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";

type Action = ActionFormProps["action"];
type Base = { action: Action; locale: string; institution: string };

/** Opening hours of the international department, a pair of times per weekday. */
export async function HoursSection({
  action,
  locale,
  institution,
  hours,
}: Base & { hours: { weekday: number; open: string; close: string }[] }) {
  const tk = await getTranslations("Admin.catalogue");
  return (
    <FormSection
      id="hours"
      title={tk("hours")}
      intro={tk("hoursIntro")}
      {...{ action, locale }}
      submitLabel={tk("saveHours")}
      hidden={{ institution }}
    >
      <div className="grid gap-2 sm:grid-cols-2">
        {weekdayNames(locale).map((day, d) => {
          const h = hours.find((x) => x.weekday === d);
          return (
            <fieldset key={d} className="flex items-end gap-2">
              <legend className="font-medium">{day}</legend>
              {(["open", "close"] as const).map((end) => (
                <Field
                  key={end}
                  id={`${end}_${d}`}
                  name={`${end}_${d}`}
                  label={tk(end === "open" ? "opens" : "closes")}
                  type="time"
                  defaultValue={h?.[end] ?? ""}
                />
              ))}
            </fieldset>
          );
        })}
      </div>
    </FormSection>
  );
}

type Department = {
  slug: string;
  consultationFeeFen: number;
  retiredAt?: Date | null;
  translations: { locale: string; name: string }[];
};

/** The departments, each linking to its editor, and the form adding one. */
export async function DepartmentsSection({
  action,
  locale,
  institution,
  departments,
}: Base & { departments: Department[] }) {
  const tk = await getTranslations("Admin.catalogue");
  const tcat = await getTranslations("Catalogue");
  const list =
    departments.length === 0 ? (
      <p>{tk("noDepartments")}</p>
    ) : (
      <ul className="list-disc ps-5">
        {departments.map((d) => (
          <li key={d.slug} data-department={d.slug}>
            <Link
              href={`/admin/institutions/${institution}/departments/${d.slug}`}
              className="text-brand-700 underline"
            >
              {pickName(d.translations, locale, d.slug)}
            </Link>{" "}
            · {formatCny(d.consultationFeeFen, locale)} ·{" "}
            {tk("languagesWritten", { count: d.translations.length, total: locales.length })}
            {d.retiredAt ? ` · ${tk("retired")}` : ""}
          </li>
        ))}
      </ul>
    );
  return (
    <FormSection
      id="departments"
      title={tk("departments")}
      before={list}
      {...{ action, locale }}
      submitLabel={tk("addDepartment")}
      hidden={{ institution }}
    >
      <div className="grid gap-4 sm:grid-cols-4">
        <SelectField
          id="specialty"
          name="specialty"
          label={tk("specialty")}
          options={specialties.map((sp) => ({ value: sp, label: tcat(`specialty.${sp}`) }))}
        />
        <Field id="fee" name="fee" label={tk("fee")} type="number" min={0} max={100000} required />
        <Field id="dept-nameEn" name="nameEn" label={tk("nameEn")} required lang="en" />
        <Field id="dept-nameZh" name="nameZh" label={tk("nameZh")} required lang="zh" />
      </div>
    </FormSection>
  );
}

type Completeness = { locale: string; name: boolean; address: boolean; description: boolean };

/** Which languages have the institution's name, address and description written. */
export async function TranslationsSection({
  locale,
  institution,
  completeness,
}: Omit<Base, "action"> & { completeness: Completeness[] }) {
  const tk = await getTranslations("Admin.catalogue");
  const language = languageNames(locale);
  return (
    <Section id="translations" title={tk("translations")} intro={tk("translationsIntro")}>
      <Table
        caption={tk("translations")}
        columns={[
          { label: tk("language") },
          { label: tk("name") },
          { label: tk("address") },
          { label: tk("description") },
          { label: tk("edit"), hidden: true },
        ]}
      >
        {completeness.map((c) => (
          <Row key={c.locale} data-locale={c.locale}>
            <RowHeader>{language.of(c.locale)}</RowHeader>
            {[c.name, c.address, c.description].map((ok, i) => (
              <td key={i} className={`p-2 ${ok ? "text-emerald-800" : "text-red-800"}`}>
                {ok ? tk("present") : tk("absent")}
              </td>
            ))}
            <td className="p-2">
              <Link
                href={{
                  pathname: `/admin/institutions/${institution}/translations`,
                  query: { language: c.locale },
                }}
                className="text-brand-700 underline"
              >
                {tk("editLanguage", { language: language.of(c.locale) ?? c.locale })}
              </Link>
            </td>
          </Row>
        ))}
      </Table>
    </Section>
  );
}

/** Invites the institution's first manager (shown until it has one). */
export async function ManagerSection({ action, locale, institution }: Base) {
  const tk = await getTranslations("Admin.catalogue");
  const language = languageNames(locale);
  return (
    <FormSection
      id="manager"
      title={tk("manager")}
      before={<p className="text-slate-700">{tk("managerIntro")}</p>}
      {...{ action, locale }}
      submitLabel={tk("invite")}
      hidden={{ institution }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="manager-name" name="name" label={tk("managerName")} required />
        <Field id="manager-email" name="email" label={tk("managerEmail")} type="email" required />
        <SelectField
          id="manager-language"
          name="language"
          label={tk("managerLanguage")}
          defaultValue="zh"
          options={locales.map((l) => ({ value: l, label: language.of(l) ?? l }))}
        />
      </div>
    </FormSection>
  );
}
