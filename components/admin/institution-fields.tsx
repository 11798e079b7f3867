import { getTranslations } from "next-intl/server";
import { TextField } from "@/components/staff/text-field";
import { ownerships, serviceLanguages, services } from "@/lib/catalogue/codes";

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
}

const grades = ["TERTIARY_A", "TERTIARY", "SECONDARY_A", "SECONDARY", "PRIMARY", "UNGRADED"] as const;
const field = "mt-1 block w-full rounded border border-slate-400 px-3 py-2";

/** The institution's details, shared by the create and the edit form (one schema on the server). */
export async function InstitutionFields({ values, locale }: { values?: InstitutionValues; locale: string }) {
  const t = await getTranslations("Admin.catalogue");
  const tc = await getTranslations("Catalogue");
  const language = new Intl.DisplayNames([locale], { type: "language" });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        id="nameZh"
        label={t("nameZh")}
        name="nameZh"
        required
        lang="zh"
        defaultValue={values?.nameZh}
        className={field}
      />
      <TextField
        id="addressZh"
        label={t("addressZh")}
        name="addressZh"
        required
        lang="zh"
        defaultValue={values?.addressZh}
        className={field}
      />
      <div>
        <label htmlFor="ownership" className="block font-medium">
          {t("ownership")}
        </label>
        <select
          id="ownership"
          name="ownership"
          defaultValue={values?.ownership ?? "PUBLIC"}
          className={field}
        >
          {ownerships.map((o) => (
            <option key={o} value={o}>
              {tc(`ownership.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="grade" className="block font-medium">
          {t("grade")}
        </label>
        <select id="grade" name="grade" defaultValue={values?.grade ?? "TERTIARY_A"} className={field}>
          {grades.map((g) => (
            <option key={g} value={g}>
              {tc(`grade.${g}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="phone"
        label={t("phone")}
        name="phone"
        type="tel"
        required
        defaultValue={values?.intlDeptPhone}
        className={field}
      />
      <TextField
        id="email"
        label={t("email")}
        name="email"
        type="email"
        defaultValue={values?.intlDeptEmail ?? ""}
        className={field}
      />
      <TextField
        id="latitude"
        label={t("latitude")}
        name="latitude"
        type="number"
        step="any"
        required
        defaultValue={values?.latitude}
        className={field}
      />
      <TextField
        id="longitude"
        label={t("longitude")}
        name="longitude"
        type="number"
        step="any"
        required
        defaultValue={values?.longitude}
        className={field}
      />
      <div className="flex items-center gap-2 sm:col-span-2">
        <input
          id="emergency24h"
          name="emergency24h"
          type="checkbox"
          defaultChecked={values?.emergency24h}
          className="size-4"
        />
        <label htmlFor="emergency24h">{t("emergency24h")}</label>
      </div>
      <fieldset className="sm:col-span-2">
        <legend className="font-medium">{t("languages")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {serviceLanguages.map((l) => (
            <div key={l} className="flex items-center gap-1">
              <input
                id={`lang_${l}`}
                name={`lang_${l}`}
                type="checkbox"
                defaultChecked={values?.languages.includes(l)}
                className="size-4"
              />
              <label htmlFor={`lang_${l}`}>{language.of(l)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="sm:col-span-2">
        <legend className="font-medium">{t("services")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {services.map((s) => (
            <div key={s} className="flex items-center gap-1">
              <input
                id={`svc_${s}`}
                name={`svc_${s}`}
                type="checkbox"
                defaultChecked={values?.services.includes(s)}
                className="size-4"
              />
              <label htmlFor={`svc_${s}`}>{tc(`service.${s}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
