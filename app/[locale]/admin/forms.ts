// The health commission's forms as the use cases' typed input: checkbox
// groups (`lang_en`, `svc_X`, `met_X` = "on") become lists and booleans,
// per-day and per-language fields (`open_2`, `name_ar`) become lists and
// records, typed numbers become numbers. The rules stay in the use cases'
// schemas; problems are named by the form field they came from.
import { z } from "zod";
import { accreditations, conditions, serviceLanguages, services, therapies } from "@/lib/catalogue/codes";
import {
  addDepartmentSchema,
  createInstitutionSchema,
  setHoursSchema,
  updateDepartmentSchema,
  updateInstitutionSchema,
  type SetHoursInput,
} from "@/lib/catalogue/manage-institution";
import {
  createPackageSchema,
  packageTranslationSchema,
  retirePackageSchema,
  updatePackageSchema,
} from "@/lib/catalogue/manage-package";
import { retireDepartmentSchema } from "@/lib/catalogue/manage-department";
import { recordCriteriaSchema } from "@/lib/guide/admission-standard";
import { guideCriteria } from "@/lib/guide/codes";
import { locales } from "@/lib/i18n/locales";
import {
  checkbox,
  field,
  formNumber,
  type FormFields,
  type FormSchema,
} from "@/app/[locale]/_console/form-schema";

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const ticked = <C extends string>(form: FormFields, prefix: string, codes: readonly C[]): C[] =>
  codes.filter((code) => form[`${prefix}${code}`] === "on");
const fieldsOf = (names: readonly string[], schema: z.ZodType = field) =>
  Object.fromEntries(names.map((name) => [name, schema]));

const detailFields = {
  ...fieldsOf([
    "nameZh",
    "addressZh",
    "ownership",
    "grade",
    "phone",
    "email",
    "latitude",
    "longitude",
    "intlDeptNameEn",
    "intlDeptNameZh",
  ]),
  emergency24h: checkbox,
  ...fieldsOf(
    serviceLanguages.map((l) => `lang_${l}`),
    checkbox,
  ),
  ...fieldsOf(
    services.map((s) => `svc_${s}`),
    checkbox,
  ),
  ...fieldsOf(
    accreditations.map((a) => `acc_${a}`),
    checkbox,
  ),
};

const details = (form: FormFields) => ({
  nameZh: form.nameZh,
  addressZh: form.addressZh,
  ownership: form.ownership,
  grade: form.grade,
  phone: form.phone,
  email: form.email,
  latitude: formNumber(form.latitude),
  longitude: formNumber(form.longitude),
  emergency24h: form.emergency24h === "on",
  languages: ticked(form, "lang_", serviceLanguages),
  services: ticked(form, "svc_", services),
  accreditations: ticked(form, "acc_", accreditations),
  intlDeptNameEn: form.intlDeptNameEn,
  intlDeptNameZh: form.intlDeptNameZh,
});

export const createInstitutionForm: FormSchema<typeof createInstitutionSchema> = {
  fields: z.object({ ...fieldsOf(["city", "slug", "nameEn", "addressEn"]), ...detailFields }),
  domain: createInstitutionSchema,
  toDomain: (form) => ({
    city: form.city,
    slug: form.slug,
    nameEn: form.nameEn,
    addressEn: form.addressEn,
    ...details(form),
  }),
};

export const updateInstitutionForm: FormSchema<typeof updateInstitutionSchema> = {
  fields: z.object({ institution: field, ...detailFields }),
  domain: updateInstitutionSchema,
  toDomain: (form) => ({ institution: form.institution, ...details(form) }),
};

/** `open_<weekday>` and `close_<weekday>`, both or neither; a day left empty is closed. */
export const setHoursForm: FormSchema<typeof setHoursSchema> = {
  fields: z.object({
    institution: field,
    ...fieldsOf(WEEKDAYS.flatMap((d) => [`open_${d}`, `close_${d}`])),
  }),
  domain: setHoursSchema,
  toDomain: (form) => ({
    institution: form.institution,
    hours: WEEKDAYS.filter((d) => form[`open_${d}`] || form[`close_${d}`]).map((weekday) => ({
      weekday,
      open: form[`open_${weekday}`],
      close: form[`close_${weekday}`],
    })),
  }),
  // hours.<i>.close is the close_<weekday> field of that day.
  fieldOf: (path, input) => {
    const [name, index, part] = path;
    const day =
      name === "hours" && typeof index === "number" ? (input as SetHoursInput).hours[index] : undefined;
    return day && (part === "open" || part === "close") ? `${part}_${day.weekday}` : path.join(".");
  },
};

export const addDepartmentForm: FormSchema<typeof addDepartmentSchema> = {
  fields: z.object(fieldsOf(["institution", "specialty", "fee", "nameEn", "nameZh"])),
  domain: addDepartmentSchema,
  toDomain: (form) => ({ ...form, fee: formNumber(form.fee) }),
};

/** `name_<language>` per language. */
export const updateDepartmentForm: FormSchema<typeof updateDepartmentSchema> = {
  fields: z.object(fieldsOf(["institution", "department", "fee", ...locales.map((l) => `name_${l}`)])),
  domain: updateDepartmentSchema,
  toDomain: (form) => ({
    institution: form.institution,
    department: form.department,
    fee: formNumber(form.fee),
    names: Object.fromEntries(
      locales.flatMap((l) => (form[`name_${l}`] === undefined ? [] : [[l, form[`name_${l}`]]])),
    ),
  }),
  fieldOf: (path) => (path[0] === "names" && path.length === 2 ? `name_${String(path[1])}` : path.join(".")),
};

/** The checklist: `met_<criterion>` ticked or not, `evidence_<criterion>` optional. */
export const recordCriteriaForm: FormSchema<typeof recordCriteriaSchema> = {
  fields: z.object({
    institution: field,
    ...fieldsOf(
      guideCriteria.map((c) => `met_${c}`),
      checkbox,
    ),
    ...fieldsOf(guideCriteria.map((c) => `evidence_${c}`)),
  }),
  domain: recordCriteriaSchema,
  toDomain: (form) => ({
    institution: form.institution,
    criteria: guideCriteria.map((criterion) => ({
      criterion,
      met: form[`met_${criterion}`] === "on",
      evidence: form[`evidence_${criterion}`],
    })),
  }),
  // criteria.<i>.evidence is the evidence_<criterion> field.
  fieldOf: (path) => {
    const [name, index, part] = path;
    const criterion = name === "criteria" && typeof index === "number" ? guideCriteria[index] : undefined;
    return criterion && (part === "met" || part === "evidence") ? `${part}_${criterion}` : path.join(".");
  },
};

// ---------------------------------------------------------------- TCM packages and retiring

const PACKAGE_TEXTS = [
  "name",
  "description",
  "treatmentPlan",
  "expectedOutcome",
  "contraindications",
] as const;
/** The languages whose texts the package form carries (others: the package's translation form). */
const PACKAGE_FORM_LANGUAGES = ["en", "zh"] as const;

/** `<text>_<language>` fields; a language with every field empty is left out. */
const packageTexts = (form: FormFields, languages: readonly string[]) =>
  Object.fromEntries(
    languages.flatMap((l) =>
      PACKAGE_TEXTS.some((f) => form[`${f}_${l}`] !== undefined)
        ? [[l, Object.fromEntries(PACKAGE_TEXTS.map((f) => [f, form[`${f}_${l}`]]))]]
        : [],
    ),
  );
const packageFieldOf = (path: PropertyKey[]) =>
  path[0] === "texts" && path.length === 3 ? `${String(path[2])}_${String(path[1])}` : path.join(".");

const packageFormFields = {
  ...fieldsOf(["institution", "package", "sessions", "durationDays", "price"]),
  ...fieldsOf(
    conditions.map((c) => `cond_${c}`),
    checkbox,
  ),
  ...fieldsOf(
    therapies.map((t) => `ther_${t}`),
    checkbox,
  ),
  ...fieldsOf(PACKAGE_FORM_LANGUAGES.flatMap((l) => PACKAGE_TEXTS.map((f) => `${f}_${l}`))),
};
const packageInput = (form: FormFields) => ({
  institution: form.institution,
  package: form.package,
  conditions: ticked(form, "cond_", conditions),
  therapies: ticked(form, "ther_", therapies),
  sessions: formNumber(form.sessions),
  durationDays: formNumber(form.durationDays),
  price: formNumber(form.price),
  texts: packageTexts(form, PACKAGE_FORM_LANGUAGES),
});

/** `cond_<code>` and `ther_<code>` checkboxes, `<text>_en` and `<text>_zh` fields. */
export const createPackageForm: FormSchema<typeof createPackageSchema> = {
  fields: z.object(packageFormFields),
  domain: createPackageSchema,
  toDomain: packageInput,
  fieldOf: packageFieldOf,
};

export const updatePackageForm: FormSchema<typeof updatePackageSchema> = {
  fields: z.object(packageFormFields),
  domain: updatePackageSchema,
  toDomain: packageInput,
  fieldOf: packageFieldOf,
};

/** The package in one more language: `<text>` fields for the chosen `language`. */
export const packageTranslationForm: FormSchema<typeof packageTranslationSchema> = {
  fields: z.object(fieldsOf(["institution", "package", "language", ...PACKAGE_TEXTS])),
  domain: packageTranslationSchema,
  toDomain: (form) => ({
    institution: form.institution,
    package: form.package,
    language: form.language,
    texts: Object.fromEntries(PACKAGE_TEXTS.map((f) => [f, form[f]])),
  }),
  fieldOf: (path) => (path[0] === "texts" && path.length === 2 ? String(path[1]) : path.join(".")),
};

/** `retired` is "yes" (retire) or "no" (offer again). */
const retiredFlag = (value: unknown) => (value === "yes" ? true : value === "no" ? false : value);

export const retirePackageForm: FormSchema<typeof retirePackageSchema> = {
  fields: z.object(fieldsOf(["institution", "package", "retired"])),
  domain: retirePackageSchema,
  toDomain: (form) => ({ ...form, retired: retiredFlag(form.retired) }),
};

export const retireDepartmentForm: FormSchema<typeof retireDepartmentSchema> = {
  fields: z.object(fieldsOf(["institution", "department", "retired"])),
  domain: retireDepartmentSchema,
  toDomain: (form) => ({ ...form, retired: retiredFlag(form.retired) }),
};
