// Demo data seeded in code: cities, insurers, exchange rates and accounts.
// The demo catalogue itself (institutions, departments, TCM packages and
// direct-billing agreements: real institution names from public reporting,
// DESIGN.md "Demo data") is the import files in ./demo-catalogue/, loaded
// through the catalogue importer (seed-demo.ts). Fees, insurer agreements,
// credit codes, contact hours and slots are illustrative, and every row is
// flagged is_demo so the portal says so.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

type Text = {
  en: string;
  zh: string;
  ru?: string;
  ar?: string;
  ja?: string;
  ko?: string;
  fr?: string;
  es?: string;
  de?: string;
  id?: string;
};

export interface DemoCity {
  slug: string;
  nameZh: string;
  province: string;
  name: Text;
}

export const demoCities: DemoCity[] = [
  {
    slug: "beijing",
    nameZh: "北京",
    province: "Beijing",
    name: {
      en: "Beijing",
      zh: "北京",
      ru: "Пекин",
      ar: "بكين",
      ja: "北京",
      ko: "베이징",
      fr: "Pékin",
      es: "Pekín",
      de: "Peking",
      id: "Beijing",
    },
  },
  {
    slug: "shanghai",
    nameZh: "上海",
    province: "Shanghai",
    name: {
      en: "Shanghai",
      zh: "上海",
      ru: "Шанхай",
      ar: "شنغهاي",
      ja: "上海",
      ko: "상하이",
      fr: "Shanghai",
      es: "Shanghái",
      de: "Shanghai",
      id: "Shanghai",
    },
  },
  {
    slug: "haikou",
    nameZh: "海口",
    province: "Hainan",
    name: {
      en: "Haikou",
      zh: "海口",
      ru: "Хайкоу",
      ar: "هايكو",
      ja: "海口",
      ko: "하이커우",
      fr: "Haikou",
      es: "Haikou",
      de: "Haikou",
      id: "Haikou",
    },
  },
  {
    slug: "sanya",
    nameZh: "三亚",
    province: "Hainan",
    name: {
      en: "Sanya",
      zh: "三亚",
      ru: "Санья",
      ar: "سانيا",
      ja: "三亜",
      ko: "싼야",
      fr: "Sanya",
      es: "Sanya",
      de: "Sanya",
      id: "Sanya",
    },
  },
  {
    slug: "hangzhou",
    nameZh: "杭州",
    province: "Zhejiang",
    name: {
      en: "Hangzhou",
      zh: "杭州",
      ru: "Ханчжоу",
      ar: "هانغتشو",
      ja: "杭州",
      ko: "항저우",
      fr: "Hangzhou",
      es: "Hangzhou",
      de: "Hangzhou",
      id: "Hangzhou",
    },
  },
  {
    slug: "shenzhen",
    nameZh: "深圳",
    province: "Guangdong",
    name: {
      en: "Shenzhen",
      zh: "深圳",
      ru: "Шэньчжэнь",
      ar: "شنتشن",
      ja: "深圳",
      ko: "선전",
      fr: "Shenzhen",
      es: "Shenzhen",
      de: "Shenzhen",
      id: "Shenzhen",
    },
  },
  {
    slug: "suifenhe",
    nameZh: "绥芬河",
    province: "Heilongjiang",
    name: {
      en: "Suifenhe",
      zh: "绥芬河",
      ru: "Суйфэньхэ",
      ar: "سويفنخه",
      ja: "綏芬河",
      ko: "쑤이펀허",
      fr: "Suifenhe",
      es: "Suifenhe",
      de: "Suifenhe",
      id: "Suifenhe",
    },
  },
  {
    slug: "changsha",
    nameZh: "长沙",
    province: "Hunan",
    name: {
      en: "Changsha",
      zh: "长沙",
      ru: "Чанша",
      ar: "تشانغشا",
      ja: "長沙",
      ko: "창사",
      fr: "Changsha",
      es: "Changsha",
      de: "Changsha",
      id: "Changsha",
    },
  },
];

export const demoInsurers = [
  { slug: "cigna-global", name: "Cigna Global", website: "https://www.cignaglobal.com" },
  { slug: "bupa-global", name: "Bupa Global", website: "https://www.bupaglobal.com" },
  { slug: "allianz-care", name: "Allianz Care", website: "https://www.allianzcare.com" },
  { slug: "axa", name: "AXA", website: "https://www.axa.com" },
  { slug: "msh-international", name: "MSH International", website: "https://www.msh-intl.com" },
  { slug: "geoblue", name: "GeoBlue", website: "https://www.geobluetravelinsurance.com" },
  { slug: "international-sos", name: "International SOS", website: "https://www.internationalsos.com" },
] as const;

export type InsurerSlug = (typeof demoInsurers)[number]["slug"];

interface DepartmentPreset {
  specialty: string;
  name: Text;
  feeYuan: number;
}

/** Departments of the synthetic catalogue (seed-synthetic.ts), named once; the demo's are in demo-catalogue/departments.csv. */
export const departmentPresets = {
  "internal-medicine": {
    specialty: "internal_medicine",
    feeYuan: 800,
    name: { en: "Internal Medicine", zh: "内科", ru: "Терапия", ar: "الطب الباطني", ja: "内科", ko: "내과" },
  },
  cardiology: {
    specialty: "cardiology",
    feeYuan: 1000,
    name: {
      en: "Cardiology",
      zh: "心内科",
      ru: "Кардиология",
      ar: "أمراض القلب",
      ja: "循環器内科",
      ko: "심장내과",
    },
  },
  pediatrics: {
    specialty: "pediatrics",
    feeYuan: 900,
    name: { en: "Pediatrics", zh: "儿科", ru: "Педиатрия", ar: "طب الأطفال", ja: "小児科", ko: "소아과" },
  },
  gynecology: {
    specialty: "obstetrics_gynecology",
    feeYuan: 900,
    name: {
      en: "Obstetrics and Gynecology",
      zh: "妇产科",
      ru: "Акушерство и гинекология",
      ar: "أمراض النساء والتوليد",
      ja: "産婦人科",
      ko: "산부인과",
    },
  },
  orthopedics: {
    specialty: "orthopedics",
    feeYuan: 900,
    name: {
      en: "Orthopedics",
      zh: "骨科",
      ru: "Ортопедия",
      ar: "جراحة العظام",
      ja: "整形外科",
      ko: "정형외과",
    },
  },
  neurology: {
    specialty: "neurology",
    feeYuan: 1000,
    name: {
      en: "Neurology",
      zh: "神经内科",
      ru: "Неврология",
      ar: "طب الأعصاب",
      ja: "神経内科",
      ko: "신경과",
    },
  },
  dermatology: {
    specialty: "dermatology",
    feeYuan: 700,
    name: {
      en: "Dermatology",
      zh: "皮肤科",
      ru: "Дерматология",
      ar: "الأمراض الجلدية",
      ja: "皮膚科",
      ko: "피부과",
    },
  },
  gastroenterology: {
    specialty: "gastroenterology",
    feeYuan: 900,
    name: {
      en: "Gastroenterology",
      zh: "消化内科",
      ru: "Гастроэнтерология",
      ar: "أمراض الجهاز الهضمي",
      ja: "消化器内科",
      ko: "소화기내과",
    },
  },
  "general-practice": {
    specialty: "general_practice",
    feeYuan: 600,
    name: {
      en: "General Practice",
      zh: "全科",
      ru: "Общая практика",
      ar: "طب الأسرة",
      ja: "総合診療科",
      ko: "가정의학과",
    },
  },
  tcm: {
    specialty: "tcm",
    feeYuan: 600,
    name: {
      en: "Traditional Chinese Medicine",
      zh: "中医科",
      ru: "Традиционная китайская медицина",
      ar: "الطب الصيني التقليدي",
      ja: "中医科",
      ko: "중의과",
    },
  },
  acupuncture: {
    specialty: "tcm",
    feeYuan: 500,
    name: {
      en: "Acupuncture and Moxibustion",
      zh: "针灸科",
      ru: "Иглоукалывание и прижигание",
      ar: "الوخز بالإبر والكي",
      ja: "鍼灸科",
      ko: "침구과",
    },
  },
  oncology: {
    specialty: "oncology",
    feeYuan: 1200,
    name: { en: "Oncology", zh: "肿瘤科", ru: "Онкология", ar: "الأورام", ja: "腫瘍科", ko: "종양내과" },
  },
  rehabilitation: {
    specialty: "rehabilitation",
    feeYuan: 600,
    name: {
      en: "Rehabilitation",
      zh: "康复科",
      ru: "Реабилитация",
      ar: "إعادة التأهيل",
      ja: "リハビリテーション科",
      ko: "재활의학과",
    },
  },
  dentistry: {
    specialty: "dentistry",
    feeYuan: 700,
    name: { en: "Dentistry", zh: "口腔科", ru: "Стоматология", ar: "طب الأسنان", ja: "歯科", ko: "치과" },
  },
  endocrinology: {
    specialty: "endocrinology",
    feeYuan: 900,
    name: {
      en: "Endocrinology",
      zh: "内分泌科",
      ru: "Эндокринология",
      ar: "الغدد الصماء",
      ja: "内分泌内科",
      ko: "내분비내과",
    },
  },
} satisfies Record<string, DepartmentPreset>;

export type DepartmentSlug = keyof typeof departmentPresets;

/** Illustrative exchange rates (units of the currency per CNY), entered as of the seed day. */
export const demoExchangeRates: Record<string, number> = {
  USD: 0.1389,
  EUR: 0.1205,
  GBP: 0.1043,
  JPY: 21.25,
  KRW: 196.5,
  RUB: 11.2,
  AED: 0.5101,
  SAR: 0.5209,
  IDR: 2270,
  HKD: 1.082,
  AUD: 0.2115,
  CAD: 0.1925,
  SGD: 0.1802,
  CHF: 0.1115,
  THB: 4.72,
  VND: 3542,
  MNT: 479,
  KZT: 70.8,
};

/** The demo catalogue's import files, in the order their rows refer to each other. */
export const DEMO_CATALOGUE_FILES = [
  "institutions.csv",
  "departments.csv",
  "packages.csv",
  "agreements.csv",
] as const;

export function demoCatalogueFile(fileName: (typeof DEMO_CATALOGUE_FILES)[number]): Buffer {
  return readFileSync(new URL(`./demo-catalogue/${fileName}`, import.meta.url));
}

/** The demo institutions as their import file names them (the sign-in list shows the English name). */
export const demoInstitutions: { slug: string; city: string; name: { en: string } }[] = (
  parse(demoCatalogueFile("institutions.csv"), { columns: true, bom: true }) as Record<string, string>[]
).map((row) => ({ slug: row.slug!, city: row.city!, name: { en: row.name_en! } }));

/** The import format has no guide listing: every demo institution is listed but these, not yet assessed. */
export const DEMO_NOT_GUIDE_LISTED: readonly string[] = [
  "china-japan-friendship-international", // just onboarded
  "suifenhe-tcm-hospital",
];

export const DEMO_PASSWORD = "portal-demo-2026";

/** Institutions seeded as just onboarded: no published slots, no declared volume. */
export const DEMO_ONBOARDING: readonly string[] = ["china-japan-friendship-international"];

/**
 * The monthly service volume declared for the other public demo institutions:
 * a large tertiary hospital's order of magnitude, so the 10% cap (6,000 units)
 * covers the slots the demo publishes.
 */
export const DEMO_MONTHLY_VOLUME = 60_000;

export const demoAccounts = [
  {
    email: "nurse.pumch@demo.example",
    name: "Wang Fang",
    role: "HOSPITAL_STAFF",
    institution: "pumch-international",
    locale: "zh",
  },
  {
    email: "manager.pumch@demo.example",
    name: "Li Ming",
    role: "HOSPITAL_MANAGER",
    institution: "pumch-international",
    locale: "zh",
  },
  // A hospital that has just joined: schedules but nothing published and no volume declared yet
  // (DEMO_ONBOARDING), so the quota workflow can be tried from the start.
  {
    email: "nurse.cjfh@demo.example",
    name: "Zhao Lei",
    role: "HOSPITAL_STAFF",
    institution: "china-japan-friendship-international",
    locale: "zh",
  },
  {
    email: "manager.cjfh@demo.example",
    name: "Sun Hui",
    role: "HOSPITAL_MANAGER",
    institution: "china-japan-friendship-international",
    locale: "zh",
  },
  {
    email: "admin.beijing@demo.example",
    name: "Zhang Wei",
    role: "CITY_ADMIN",
    city: "beijing",
    locale: "zh",
  },
  { email: "sysadmin@demo.example", name: "Chen Jing", role: "SYSTEM_ADMIN", locale: "en" },
] as const;
