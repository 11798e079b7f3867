// The parts of the admin's catalogue pages for what issue 19 made editable: a
// TCM package's fields (shared by the new and the edit form), the list of an
// institution's packages with the retired ones marked, the retire/restore and
// remove forms, and the institution's slug form. Data and server actions come
// from the pages.
import { getTranslations } from "next-intl/server";
import { ActionForm, type ActionFormProps } from "@/components/staff/action-form";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field, TextAreaField } from "@/components/ui/field";
import { FormSection, Section } from "@/components/ui/section";
import { Cell, Row, RowHeader, Table } from "@/components/ui/table";
import { conditions, therapies } from "@/lib/catalogue/codes";
import { formatCny } from "@/lib/catalogue/format";
import { pickName } from "@/lib/i18n/content";
import { Link } from "@/lib/i18n/navigation";

type Action = ActionFormProps["action"];

const TEXTS = ["name", "description", "treatmentPlan", "expectedOutcome", "contraindications"] as const;
type Texts = Record<(typeof TEXTS)[number], string>;

export interface PackageValues {
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceFen: number;
  texts: Record<string, Texts>;
}

/** The package's facts, then its texts in English (required) and Chinese. */
export async function PackageFields({ values, isNew }: { values?: PackageValues; isNew: boolean }) {
  const t = await getTranslations("Admin.packages");
  const tc = await getTranslations("Catalogue");
  return (
    <div className="space-y-4">
      {isNew && <Field id="package" name="package" label={t("slug")} hint={t("slugHint")} required />}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="sessions"
          name="sessions"
          label={t("sessions")}
          type="number"
          min={1}
          max={365}
          required
          defaultValue={values?.sessions}
        />
        <Field
          id="durationDays"
          name="durationDays"
          label={t("durationDays")}
          type="number"
          min={1}
          max={365}
          required
          defaultValue={values?.durationDays}
        />
        <Field
          id="price"
          name="price"
          label={t("price")}
          type="number"
          min={0}
          step="0.01"
          required
          defaultValue={values ? values.priceFen / 100 : undefined}
        />
      </div>
      <CheckboxGroup
        legend={t("conditions")}
        prefix="cond_"
        options={conditions.map((c) => ({ value: c, label: tc(`condition.${c}`) }))}
        checked={values?.conditions}
      />
      <CheckboxGroup
        legend={t("therapies")}
        prefix="ther_"
        options={therapies.map((c) => ({ value: c, label: tc(`therapy.${c}`) }))}
        checked={values?.therapies}
      />
      {(["en", "zh"] as const).map((l) => (
        <fieldset key={l} className="space-y-3">
          <legend className="font-semibold">{t(l === "en" ? "textsEn" : "textsZh")}</legend>
          {TEXTS.map((f) =>
            f === "name" ? (
              <Field
                key={f}
                id={`${f}_${l}`}
                name={`${f}_${l}`}
                label={t(`text.${f}`)}
                lang={l}
                required={l === "en"}
                defaultValue={values?.texts[l]?.[f] ?? ""}
              />
            ) : (
              <TextAreaField
                key={f}
                id={`${f}_${l}`}
                name={`${f}_${l}`}
                label={t(`text.${f}`)}
                lang={l}
                rows={3}
                required={l === "en"}
                defaultValue={values?.texts[l]?.[f] ?? ""}
              />
            ),
          )}
        </fieldset>
      ))}
    </div>
  );
}

export interface PackageRow {
  slug: string;
  sessions: number;
  durationDays: number;
  priceFen: number;
  retired: boolean;
  bookings: number;
  names: Record<string, string>;
}

/** The institution's packages, retired ones marked, each linking to its editor. */
export async function PackagesTable({
  locale,
  institution,
  packages,
}: {
  locale: string;
  institution: string;
  packages: PackageRow[];
}) {
  const t = await getTranslations("Admin.packages");
  if (packages.length === 0) return <p>{t("none")}</p>;
  return (
    <Table
      caption={t("title")}
      columns={[
        { label: t("name") },
        { label: t("price"), end: true },
        { label: t("sessions"), end: true },
        { label: t("bookings"), end: true },
        { label: t("state") },
      ]}
    >
      {packages.map((p) => (
        <Row key={p.slug} data-package={p.slug}>
          <RowHeader>
            <Link
              href={`/admin/institutions/${institution}/packages/${p.slug}`}
              className="text-brand-700 underline"
            >
              {pickName(
                Object.entries(p.names).map(([l, name]) => ({ locale: l, name })),
                locale,
                p.slug,
              )}
            </Link>
          </RowHeader>
          <Cell end>{formatCny(p.priceFen, locale)}</Cell>
          <Cell end>{p.sessions}</Cell>
          <Cell end>{p.bookings}</Cell>
          <Cell>{p.retired ? t("retired") : t("offered")}</Cell>
        </Row>
      ))}
    </Table>
  );
}

/** Retire (its bookings stay; it leaves search and booking) or offer again. */
export async function RetireSection({
  action,
  locale,
  hidden,
  retired,
  kind,
}: {
  action: Action;
  locale: string;
  hidden: Record<string, string>;
  retired: boolean;
  kind: "package" | "department";
}) {
  const t = await getTranslations("Admin.retire");
  return (
    <FormSection
      id="retire"
      title={t(retired ? "restoreTitle" : "retireTitle")}
      intro={t(retired ? `restoreIntro.${kind}` : `retireIntro.${kind}`)}
      action={action}
      locale={locale}
      submitLabel={t(retired ? "restore" : "retire")}
      tone={retired ? undefined : "danger"}
      hidden={{ ...hidden, retired: retired ? "no" : "yes" }}
    />
  );
}

/** Removing a department: only without bookings (the use case refuses otherwise and says to retire). */
export async function RemoveDepartmentSection({
  action,
  locale,
  institution,
  department,
}: {
  action: Action;
  locale: string;
  institution: string;
  department: string;
}) {
  const t = await getTranslations("Admin.departments");
  return (
    <FormSection
      id="remove"
      title={t("removeTitle")}
      intro={t("removeIntro")}
      action={action}
      locale={locale}
      submitLabel={t("remove")}
      tone="danger"
      hidden={{ institution, department }}
    />
  );
}

/** The institution's web address name; the old one keeps redirecting. */
export async function SlugSection({
  action,
  locale,
  institution,
}: {
  action: Action;
  locale: string;
  institution: string;
}) {
  const t = await getTranslations("Admin.catalogue");
  return (
    <Section id="web-address" title={t("slugTitle")} intro={t("slugIntro", { slug: institution })}>
      <ActionForm action={action} locale={locale} submitLabel={t("changeSlug")} hidden={{ institution }}>
        <Field
          id="slug"
          name="slug"
          label={t("slug")}
          hint={t("slugHint")}
          required
          defaultValue={institution}
        />
      </ActionForm>
    </Section>
  );
}
