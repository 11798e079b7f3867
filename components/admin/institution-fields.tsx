import { getTranslations } from "next-intl/server";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Checkbox, Field, SelectField } from "@/components/ui/field";
import { languageNames } from "@/components/ui/formats";
import { accreditations, ownerships, serviceLanguages, services } from "@/lib/catalogue/codes";

export interface InstitutionValues {
  nameZh: string;
  addressZh: string;
  ownership: string;
  grade: string;
  intlDeptPhone: string;
  intlDeptEmail: string | null;
  latitude: number;
  longitude: number;
  emergency24h: boolean;
  languages: string[];
  services: string[];
  accreditations?: string[];
  intlDeptNameEn?: string | null;
  intlDeptNameZh?: string | null;
}

const grades = ["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY", "PRIMARY", "UNGRADED"] as const;

/** The institution's details, shared by the create and the edit form (one schema on the server). */
export async function InstitutionFields({ values, locale }: { values?: InstitutionValues; locale: string }) {
  const t = await getTranslations("Admin.catalogue");
  const tc = await getTranslations("Catalogue");
  const language = languageNames(locale);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="nameZh" name="nameZh" label={t("nameZh")} required lang="zh" defaultValue={values?.nameZh} />
      <Field
        id="addressZh"
        name="addressZh"
        label={t("addressZh")}
        required
        lang="zh"
        defaultValue={values?.addressZh}
      />
      <SelectField
        id="ownership"
        name="ownership"
        label={t("ownership")}
        defaultValue={values?.ownership ?? "PUBLIC"}
        options={ownerships.map((o) => ({ value: o, label: tc(`ownership.${o}`) }))}
      />
      <SelectField
        id="grade"
        name="grade"
        label={t("grade")}
        defaultValue={values?.grade ?? "TERTIARY_A"}
        options={grades.map((g) => ({ value: g, label: tc(`grade.${g}`) }))}
      />
      <Field
        id="phone"
        name="phone"
        label={t("phone")}
        type="tel"
        required
        defaultValue={values?.intlDeptPhone}
      />
      <Field
        id="email"
        name="email"
        label={t("email")}
        type="email"
        defaultValue={values?.intlDeptEmail ?? ""}
      />
      {(["latitude", "longitude"] as const).map((axis) => (
        <Field
          key={axis}
          id={axis}
          name={axis}
          label={t(axis)}
          type="number"
          step="any"
          required
          defaultValue={values?.[axis]}
        />
      ))}
      <Checkbox
        id="emergency24h"
        name="emergency24h"
        label={t("emergency24h")}
        defaultChecked={values?.emergency24h}
        wrapperClassName="sm:col-span-2"
      />
      <CheckboxGroup
        className="sm:col-span-2"
        legend={t("languages")}
        prefix="lang_"
        options={serviceLanguages.map((l) => ({ value: l, label: language.of(l) ?? l }))}
        checked={values?.languages}
      />
      <CheckboxGroup
        className="sm:col-span-2"
        legend={t("services")}
        prefix="svc_"
        options={services.map((s) => ({ value: s, label: tc(`service.${s}`) }))}
        checked={values?.services}
      />
      <CheckboxGroup
        className="sm:col-span-2"
        legend={t("accreditations")}
        prefix="acc_"
        options={accreditations.map((a) => ({ value: a, label: a }))}
        checked={values?.accreditations}
      />
      <Field
        id="intlDeptNameEn"
        name="intlDeptNameEn"
        label={t("intlDeptNameEn")}
        lang="en"
        defaultValue={values?.intlDeptNameEn ?? ""}
      />
      <Field
        id="intlDeptNameZh"
        name="intlDeptNameZh"
        label={t("intlDeptNameZh")}
        lang="zh"
        defaultValue={values?.intlDeptNameZh ?? ""}
      />
    </div>
  );
}
