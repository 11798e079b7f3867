// Demo catalogue: real institution names from public reporting (DESIGN.md,
// "Demo data"). Fees, insurer agreements, contact hours and slots are
// illustrative, and every row is flagged is_demo so the portal says so.
import type { HospitalGrade, InstitutionService, Ownership, VisitKind } from "../db/generated/client";

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

/** Departments used across the demo, named once. */
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

export interface DemoPackage {
  slug: string;
  conditions: string[];
  therapies: string[];
  sessions: number;
  durationDays: number;
  priceYuan: number;
  name: Text;
  description: Text;
  treatmentPlan: Text;
  expectedOutcome: Text;
  contraindications: Text;
}

export interface DemoAgreement {
  insurer: InsurerSlug;
  scope: VisitKind;
  preauthLeadDays?: number;
}

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

/** How demo institutions take a self-pay bill: cards and foreign-card wallets; foreign-owned ones add Amex and JCB. */
export const demoPayments = {
  PUBLIC: ["visa", "mastercard", "unionpay", "alipay_foreign", "wechat_foreign", "cash"],
  PRIVATE: ["visa", "mastercard", "unionpay", "alipay_foreign", "wechat_foreign"],
  FOREIGN_OWNED: ["visa", "mastercard", "amex", "jcb", "unionpay", "alipay_foreign", "wechat_foreign"],
} as const;

export interface DemoInstitution {
  slug: string;
  city: string;
  nameZh: string;
  name: Text;
  addressZh: string;
  address: Pick<Text, "en"> & Partial<Text>;
  intlDeptName: Text;
  description: Pick<Text, "en" | "zh"> & Partial<Text>;
  latitude: number;
  longitude: number;
  ownership: Ownership;
  grade: HospitalGrade;
  accreditations: string[];
  languages: string[];
  services: InstitutionService[];
  emergency24h: boolean;
  phone: string;
  email?: string;
  website?: string;
  /** "weekdays" = Mon-Fri 08:00-17:00; "daily" = every day 08:00-20:00. */
  hours: "weekdays" | "weekdays-sat" | "daily";
  departments: DepartmentSlug[];
  packages: DemoPackage[];
  agreements: DemoAgreement[];
  guideListed: boolean;
}

const intlDept: Text = {
  en: "International Medical Services",
  zh: "国际医疗部",
  ru: "Международное отделение",
  ar: "الخدمات الطبية الدولية",
  ja: "国際医療部",
  ko: "국제진료부",
  fr: "Services médicaux internationaux",
  es: "Servicios médicos internacionales",
  de: "Internationale Abteilung",
  id: "Layanan Medis Internasional",
};

const contraGeneral: Text = {
  en: "Pregnancy (for acupuncture at some points), bleeding disorders or anticoagulant therapy, acute infection or fever, skin lesions at treatment sites. Tell the doctor about all medicines you take.",
  zh: "妊娠（部分穴位禁针）、凝血功能障碍或正在抗凝治疗、急性感染或发热、治疗部位皮肤破损。请告知医生您正在服用的所有药物。",
  ru: "Беременность (для иглоукалывания в некоторых точках), нарушения свёртываемости или приём антикоагулянтов, острая инфекция или лихорадка, повреждения кожи в зоне лечения. Сообщите врачу обо всех принимаемых лекарствах.",
};

export const demoInstitutions: DemoInstitution[] = [
  {
    slug: "pumch-international",
    city: "beijing",
    nameZh: "北京协和医院",
    name: {
      en: "Peking Union Medical College Hospital",
      zh: "北京协和医院",
      ru: "Больница Пекинского союзного медицинского колледжа",
      ar: "مستشفى كلية بكين الاتحادية الطبية",
      ja: "北京協和医院",
      ko: "베이징 협화의원",
      fr: "Hôpital du Collège médical de l’Union de Pékin",
      es: "Hospital del Colegio Médico de la Unión de Pekín",
      de: "Peking Union Medical College Hospital",
      id: "Rumah Sakit Peking Union Medical College",
    },
    addressZh: "北京市东城区帅府园1号",
    address: {
      en: "1 Shuaifuyuan, Wangfujing, Dongcheng District, Beijing",
      ru: "Пекин, район Дунчэн, Ванфуцзин, Шуайфуюань, 1",
    },
    intlDeptName: { ...intlDept, en: "International Medical Services (IMS)" },
    description: {
      en: "One of China's leading general hospitals. Its international medical services see foreign patients across most specialties, with English-speaking doctors and coordinators.",
      zh: "国内顶尖的综合医院之一。国际医疗部为外籍患者提供多数专科的诊疗服务，配有英语医生和协调员。",
      ru: "Одна из ведущих многопрофильных больниц Китая. Международное отделение принимает иностранцев по большинству специальностей, врачи и координаторы говорят по-английски.",
    },
    latitude: 39.9129,
    longitude: 116.4152,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en", "ja", "fr"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER", "PRIVATE_CONSULTATION_ROOM"],
    emergency24h: true,
    phone: "+86 10 6915 6114",
    website: "https://www.pumch.cn",
    hours: "weekdays-sat",
    departments: ["internal-medicine", "cardiology", "gynecology", "endocrinology", "dermatology"],
    packages: [],
    agreements: [
      { insurer: "cigna-global", scope: "OUTPATIENT" },
      { insurer: "cigna-global", scope: "INPATIENT", preauthLeadDays: 3 },
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "msh-international", scope: "OUTPATIENT" },
      { insurer: "international-sos", scope: "INPATIENT", preauthLeadDays: 2 },
      // Outpatient visits billed directly after the insurer's guarantee of payment.
      { insurer: "allianz-care", scope: "OUTPATIENT", preauthLeadDays: 2 },
      { insurer: "geoblue", scope: "OUTPATIENT", preauthLeadDays: 5 },
    ],
    guideListed: true,
  },
  {
    slug: "guanganmen-international",
    city: "beijing",
    nameZh: "中国中医科学院广安门医院",
    name: {
      en: "Guang'anmen Hospital, China Academy of Chinese Medical Sciences",
      zh: "中国中医科学院广安门医院",
      ru: "Больница Гуананьмэнь Китайской академии китайской медицины",
      ar: "مستشفى قوانغآنمن التابع للأكاديمية الصينية للطب الصيني",
      ja: "中国中医科学院広安門医院",
      ko: "중국중의과학원 광안문의원",
    },
    addressZh: "北京市西城区北线阁5号",
    address: { en: "5 Beixiange, Xicheng District, Beijing", ru: "Пекин, район Сичэн, Бэйсяньгэ, 5" },
    intlDeptName: { ...intlDept, en: "International Department", zh: "国际医疗部" },
    description: {
      en: "A national TCM hospital whose international department offers acupuncture, tuina and herbal medicine to foreign patients, including packages from Beijing's TCM medical-tourism programme.",
      zh: "国家级中医医院，国际医疗部为外籍患者提供针灸、推拿和中药治疗，包括北京中医药国际医疗旅游服务包。",
      ru: "Государственная больница ТКМ: международное отделение предлагает иностранцам иглоукалывание, туйна и фитотерапию, в том числе пакеты пекинской программы медицинского туризма.",
    },
    latitude: 39.8853,
    longitude: 116.3544,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en", "ru", "ko"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
    emergency24h: true,
    phone: "+86 10 8808 1001",
    hours: "weekdays-sat",
    departments: ["tcm", "acupuncture", "gastroenterology"],
    packages: [
      {
        slug: "guanganmen-neck-back-pain",
        conditions: ["neck_back_pain"],
        therapies: ["acupuncture", "tuina", "cupping"],
        sessions: 10,
        durationDays: 14,
        priceYuan: 6800,
        name: {
          en: "Neck and back pain: acupuncture and tuina course",
          zh: "颈肩腰背痛针灸推拿疗程",
          ru: "Боль в шее и спине: курс иглоукалывания и туйна",
        },
        description: {
          en: "A two-week course for chronic neck, shoulder and lower-back pain combining acupuncture, tuina massage and cupping.",
          zh: "针对慢性颈肩腰背痛的两周疗程，结合针灸、推拿和拔罐。",
          ru: "Двухнедельный курс при хронической боли в шее, плечах и пояснице: иглоукалывание, массаж туйна и банки.",
        },
        treatmentPlan: {
          en: "Assessment by a TCM physician, then 10 sessions of about 60 minutes over 14 days: acupuncture, tuina and cupping as indicated; home exercises.",
          zh: "中医师评估后，14天内进行10次约60分钟的治疗：根据病情选用针灸、推拿和拔罐；配合居家锻炼。",
          ru: "Осмотр врачом ТКМ, затем 10 сеансов около 60 минут за 14 дней: иглоукалывание, туйна и банки по показаниям; упражнения дома.",
        },
        expectedOutcome: {
          en: "Less pain and better mobility for most patients by the end of the course; results vary.",
          zh: "多数患者疗程结束时疼痛减轻、活动改善；效果因人而异。",
          ru: "У большинства пациентов к концу курса боль уменьшается, подвижность улучшается; результаты индивидуальны.",
        },
        contraindications: contraGeneral,
      },
      {
        slug: "guanganmen-insomnia",
        conditions: ["insomnia", "stress_anxiety"],
        therapies: ["acupuncture", "herbal_medicine"],
        sessions: 8,
        durationDays: 21,
        priceYuan: 5200,
        name: {
          en: "Better sleep: acupuncture and herbal medicine",
          zh: "失眠针药结合调理",
          ru: "Здоровый сон: иглоукалывание и фитотерапия",
        },
        description: {
          en: "Three weeks of acupuncture and individually prescribed herbal medicine for insomnia and stress.",
          zh: "针对失眠和压力的三周针灸加个体化中药调理。",
          ru: "Три недели иглоукалывания и индивидуально подобранных трав при бессоннице и стрессе.",
        },
        treatmentPlan: {
          en: "8 acupuncture sessions over 3 weeks with a herbal prescription reviewed weekly.",
          zh: "3周内8次针灸，中药处方每周复诊调整。",
          ru: "8 сеансов иглоукалывания за 3 недели, травяной рецепт пересматривается еженедельно.",
        },
        expectedOutcome: {
          en: "Falling asleep faster and fewer night awakenings for many patients; results vary.",
          zh: "许多患者入睡更快、夜醒减少；效果因人而异。",
          ru: "Многие пациенты быстрее засыпают и реже просыпаются ночью; результаты индивидуальны.",
        },
        contraindications: contraGeneral,
      },
    ],
    agreements: [
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "bupa-global", scope: "TCM_PACKAGE", preauthLeadDays: 5 },
      { insurer: "allianz-care", scope: "OUTPATIENT" },
      { insurer: "cigna-global", scope: "TCM_PACKAGE", preauthLeadDays: 5 },
    ],
    guideListed: true,
  },
  {
    slug: "china-japan-friendship-international",
    city: "beijing",
    nameZh: "中日友好医院",
    name: {
      en: "China-Japan Friendship Hospital",
      zh: "中日友好医院",
      ru: "Больница китайско-японской дружбы",
      ar: "مستشفى الصداقة الصينية اليابانية",
      ja: "中日友好病院",
      ko: "중일우호병원",
    },
    addressZh: "北京市朝阳区樱花园东街2号",
    address: { en: "2 Yinghua East Street, Chaoyang District, Beijing" },
    intlDeptName: intlDept,
    description: {
      en: "A large general hospital combining Western medicine and TCM, with an international medical department that serves many Japanese and Korean residents.",
      zh: "中西医结合的大型综合医院，国际医疗部服务众多日韩籍居民。",
    },
    latitude: 39.9768,
    longitude: 116.4236,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en", "ja", "ko"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
    emergency24h: true,
    phone: "+86 10 8420 5566",
    hours: "weekdays",
    departments: ["internal-medicine", "pediatrics", "tcm"],
    packages: [
      {
        slug: "cjfh-metabolic-syndrome",
        conditions: ["metabolic_syndrome"],
        therapies: ["acupuncture", "herbal_medicine", "tai_chi"],
        sessions: 12,
        durationDays: 28,
        priceYuan: 8600,
        name: {
          en: "Metabolic syndrome: integrated TCM programme",
          zh: "代谢综合征中西医结合调理",
          ja: "メタボリックシンドローム：中西医結合プログラム",
        },
        description: {
          en: "Four weeks combining acupuncture, herbal medicine and tai chi coaching with regular checks of weight, blood pressure and blood sugar.",
          zh: "四周疗程，结合针灸、中药和太极指导，定期监测体重、血压和血糖。",
          ja: "鍼、漢方薬、太極拳指導を組み合わせ、体重・血圧・血糖を定期的に確認する4週間のプログラム。",
        },
        treatmentPlan: {
          en: "12 sessions over 4 weeks; baseline and final laboratory tests included.",
          zh: "4周内12次治疗；含首末次化验。",
          ja: "4週間で12回。開始時と終了時の検査を含みます。",
        },
        expectedOutcome: {
          en: "Modest improvements in weight and blood pressure are common when combined with diet and exercise.",
          zh: "配合饮食和运动，体重和血压通常有一定改善。",
          ja: "食事と運動を併用すると、体重と血圧がある程度改善することが多いです。",
        },
        contraindications: contraGeneral,
      },
    ],
    agreements: [
      { insurer: "msh-international", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "INPATIENT", preauthLeadDays: 3 },
    ],
    guideListed: false, // just onboarded: the commission has not assessed it yet
  },
  {
    slug: "beijing-united-family",
    city: "beijing",
    nameZh: "北京和睦家医院",
    name: {
      en: "Beijing United Family Hospital",
      zh: "北京和睦家医院",
      ru: "Пекинская больница United Family",
      ar: "مستشفى يونايتد فاميلي في بكين",
      ja: "北京和睦家医院",
      ko: "베이징 화목가병원",
    },
    addressZh: "北京市朝阳区将台路2号",
    address: { en: "2 Jiangtai Road, Chaoyang District, Beijing" },
    intlDeptName: { ...intlDept, en: "Patient Services", zh: "患者服务中心" },
    description: {
      en: "A private hospital designed for international patients, with JCI accreditation and English as a working language.",
      zh: "面向国际患者的民营医院，通过JCI认证，以英语为工作语言。",
    },
    latitude: 39.9717,
    longitude: 116.4887,
    ownership: "FOREIGN_OWNED",
    grade: "UNGRADED",
    accreditations: ["JCI"],
    languages: ["zh", "en", "fr", "de", "es", "ja", "ko", "ru"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER", "PRIVATE_CONSULTATION_ROOM", "AIRPORT_PICKUP"],
    emergency24h: true,
    phone: "+86 10 5927 7000",
    website: "https://beijing.ufh.com.cn",
    hours: "daily",
    departments: ["general-practice", "pediatrics", "gynecology", "orthopedics", "dentistry"],
    packages: [],
    agreements: [
      { insurer: "cigna-global", scope: "OUTPATIENT" },
      { insurer: "cigna-global", scope: "INPATIENT", preauthLeadDays: 2 },
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "bupa-global", scope: "INPATIENT", preauthLeadDays: 2 },
      { insurer: "allianz-care", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "OUTPATIENT" },
      { insurer: "geoblue", scope: "OUTPATIENT" },
      { insurer: "international-sos", scope: "OUTPATIENT" },
    ],
    guideListed: true,
  },
  {
    slug: "huashan-international",
    city: "shanghai",
    nameZh: "复旦大学附属华山医院",
    name: {
      en: "Huashan Hospital, Fudan University",
      zh: "复旦大学附属华山医院",
      ru: "Больница Хуашань Фуданьского университета",
      ar: "مستشفى هواشان التابع لجامعة فودان",
      ja: "復旦大学附属華山医院",
      ko: "푸단대학 부속 화산의원",
    },
    addressZh: "上海市静安区乌鲁木齐中路12号",
    address: { en: "12 Wulumuqi Road (Middle), Jing'an District, Shanghai" },
    intlDeptName: { ...intlDept, en: "International Medical Center", zh: "国际医疗中心" },
    description: {
      en: "Known for neurology, dermatology and infectious diseases; its international medical center has served foreign patients since the 1980s.",
      zh: "以神经、皮肤和感染科见长；国际医疗中心自上世纪八十年代起服务外籍患者。",
    },
    latitude: 31.2156,
    longitude: 121.4449,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en", "ja"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER", "PRIVATE_CONSULTATION_ROOM"],
    emergency24h: true,
    phone: "+86 21 5288 7777",
    hours: "weekdays-sat",
    departments: ["neurology", "dermatology", "internal-medicine", "orthopedics"],
    packages: [],
    agreements: [
      { insurer: "cigna-global", scope: "OUTPATIENT" },
      { insurer: "allianz-care", scope: "OUTPATIENT" },
      { insurer: "allianz-care", scope: "INPATIENT", preauthLeadDays: 3 },
      { insurer: "msh-international", scope: "OUTPATIENT" },
    ],
    guideListed: true,
  },
  {
    slug: "xinhua-hospital",
    city: "shanghai",
    nameZh: "上海交通大学医学院附属新华医院",
    name: {
      en: "Xinhua Hospital, Shanghai Jiao Tong University School of Medicine",
      zh: "上海交通大学医学院附属新华医院",
      ru: "Больница Синьхуа при медицинской школе Шанхайского университета Цзяотун",
      ja: "上海交通大学医学院附属新華医院",
    },
    addressZh: "上海市杨浦区控江路1665号",
    address: { en: "1665 Kongjiang Road, Yangpu District, Shanghai" },
    intlDeptName: { ...intlDept, en: "International Medical Department" },
    description: {
      en: "A general teaching hospital with strong paediatrics and obstetrics, and an international department for expatriate families.",
      zh: "以儿科和产科见长的综合性教学医院，设有服务外籍家庭的国际医疗部。",
    },
    latitude: 31.2745,
    longitude: 121.5306,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
    emergency24h: true,
    phone: "+86 21 2507 8999",
    hours: "weekdays",
    departments: ["pediatrics", "gynecology", "internal-medicine"],
    packages: [],
    agreements: [
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "OUTPATIENT" },
    ],
    guideListed: true,
  },
  {
    slug: "hainan-medical-second-affiliated",
    city: "haikou",
    nameZh: "海南医学院第二附属医院",
    name: {
      en: "The Second Affiliated Hospital of Hainan Medical University",
      zh: "海南医学院第二附属医院",
      ru: "Вторая аффилированная больница Хайнаньского медицинского университета",
    },
    addressZh: "海南省海口市龙华区椰海大道368号",
    address: { en: "368 Yehai Avenue, Longhua District, Haikou, Hainan" },
    intlDeptName: intlDept,
    description: {
      en: "A general hospital in Haikou with an international department serving residents and visitors of the Hainan Free Trade Port.",
      zh: "位于海口的综合医院，国际医疗部服务海南自由贸易港的外籍居民和游客。",
    },
    latitude: 19.9864,
    longitude: 110.3206,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "en", "ru"],
    services: ["INTERPRETER", "AIRPORT_PICKUP"],
    emergency24h: true,
    phone: "+86 898 6652 8000",
    hours: "weekdays-sat",
    departments: ["internal-medicine", "orthopedics", "tcm"],
    packages: [],
    agreements: [
      { insurer: "international-sos", scope: "OUTPATIENT" },
      { insurer: "allianz-care", scope: "OUTPATIENT" },
    ],
    guideListed: true,
  },
  {
    slug: "sanya-tcm-hospital",
    city: "sanya",
    nameZh: "三亚市中医院",
    name: {
      en: "Sanya Traditional Chinese Medicine Hospital",
      zh: "三亚市中医院",
      ru: "Больница традиционной китайской медицины Санья",
      ar: "مستشفى سانيا للطب الصيني التقليدي",
      ja: "三亜市中医院",
      ko: "싼야시 중의원",
    },
    addressZh: "海南省三亚市天涯区凤凰路241号",
    address: {
      en: "241 Fenghuang Road, Tianya District, Sanya, Hainan",
      ru: "Хайнань, Санья, район Тянья, ул. Фэнхуан, 241",
    },
    intlDeptName: {
      ...intlDept,
      en: "International TCM Wellness Center",
      zh: "国际中医康养中心",
      ru: "Международный центр ТКМ",
    },
    description: {
      en: "Pioneer of TCM medical tourism in China: Russian-speaking staff have welcomed visitors from Russia and Central Asia for over a decade.",
      zh: "中医健康旅游的先行者：十余年来以俄语服务接待来自俄罗斯和中亚的游客。",
      ru: "Пионер медицинского туризма ТКМ в Китае: русскоязычный персонал более десяти лет принимает гостей из России и Средней Азии.",
    },
    latitude: 18.2528,
    longitude: 109.5119,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: [],
    languages: ["zh", "ru", "en"],
    services: ["INTERPRETER", "AIRPORT_PICKUP", "PRIVATE_CONSULTATION_ROOM"],
    emergency24h: true,
    phone: "+86 898 8826 6222",
    hours: "daily",
    departments: ["tcm", "acupuncture", "rehabilitation"],
    packages: [
      {
        slug: "sanya-wellness-stay",
        conditions: ["wellness", "fatigue"],
        therapies: ["acupuncture", "tuina", "moxibustion", "herbal_medicine"],
        sessions: 7,
        durationDays: 7,
        priceYuan: 4800,
        name: {
          en: "Seven-day TCM wellness stay",
          zh: "七天中医康养体验",
          ru: "Семидневная оздоровительная программа ТКМ",
        },
        description: {
          en: "A week by the sea with daily TCM treatments: pulse diagnosis, acupuncture or moxibustion, tuina and a herbal tea plan.",
          zh: "海边一周，每日中医治疗：脉诊、针灸或艾灸、推拿及养生茶饮方案。",
          ru: "Неделя у моря с ежедневными процедурами ТКМ: пульсовая диагностика, иглоукалывание или прижигание, туйна и травяной чай.",
        },
        treatmentPlan: {
          en: "One consultation, then one 90-minute session per day for 7 days.",
          zh: "一次问诊，之后7天每天一次90分钟治疗。",
          ru: "Консультация, затем по одному 90-минутному сеансу в день в течение 7 дней.",
        },
        expectedOutcome: {
          en: "Most guests report feeling rested and sleeping better; this is a wellness programme, not a cure.",
          zh: "多数客人感到精力恢复、睡眠改善；本项目为养生调理，并非治疗疾病。",
          ru: "Большинство гостей отмечают отдых и лучший сон; это оздоровительная программа, а не лечение.",
        },
        contraindications: contraGeneral,
      },
      {
        slug: "sanya-back-pain-course",
        conditions: ["neck_back_pain"],
        therapies: ["tuina", "moxibustion", "cupping"],
        sessions: 10,
        durationDays: 12,
        priceYuan: 5600,
        name: {
          en: "Back pain relief: tuina, moxibustion and cupping",
          zh: "腰背痛推拿艾灸拔罐疗程",
          ru: "Облегчение боли в спине: туйна, прижигание и банки",
        },
        description: {
          en: "A 12-day course for chronic back pain with Russian-speaking therapists.",
          zh: "为期12天的慢性腰背痛疗程，配有俄语治疗师。",
          ru: "12-дневный курс при хронической боли в спине с русскоязычными специалистами.",
        },
        treatmentPlan: {
          en: "10 sessions of 60 minutes over 12 days.",
          zh: "12天内10次、每次60分钟。",
          ru: "10 сеансов по 60 минут за 12 дней.",
        },
        expectedOutcome: {
          en: "Less pain and stiffness for most patients; results vary.",
          zh: "多数患者疼痛和僵硬减轻；效果因人而异。",
          ru: "У большинства пациентов уменьшаются боль и скованность; результаты индивидуальны.",
        },
        contraindications: contraGeneral,
      },
    ],
    agreements: [{ insurer: "allianz-care", scope: "TCM_PACKAGE", preauthLeadDays: 5 }],
    guideListed: true,
  },
  {
    slug: "zju-second-affiliated",
    city: "hangzhou",
    nameZh: "浙江大学医学院附属第二医院",
    name: {
      en: "The Second Affiliated Hospital, Zhejiang University School of Medicine",
      zh: "浙江大学医学院附属第二医院",
      ja: "浙江大学医学院附属第二医院",
    },
    addressZh: "浙江省杭州市上城区解放路88号",
    address: { en: "88 Jiefang Road, Shangcheng District, Hangzhou, Zhejiang" },
    intlDeptName: { ...intlDept, en: "International Medical Center" },
    description: {
      en: "A major academic hospital with JCI accreditation and an international center for foreign residents of Hangzhou.",
      zh: "通过JCI认证的大型学术医院，为杭州外籍居民设有国际医疗中心。",
    },
    latitude: 30.2561,
    longitude: 120.1739,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: ["JCI"],
    languages: ["zh", "en"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
    emergency24h: true,
    phone: "+86 571 8778 3777",
    hours: "weekdays",
    departments: ["cardiology", "oncology", "orthopedics", "internal-medicine"],
    packages: [],
    agreements: [
      { insurer: "cigna-global", scope: "OUTPATIENT" },
      { insurer: "msh-international", scope: "OUTPATIENT" },
      { insurer: "msh-international", scope: "INPATIENT", preauthLeadDays: 3 },
    ],
    guideListed: true,
  },
  {
    slug: "sir-run-run-shaw",
    city: "hangzhou",
    nameZh: "浙江大学医学院附属邵逸夫医院",
    name: {
      en: "Sir Run Run Shaw Hospital, Zhejiang University School of Medicine",
      zh: "浙江大学医学院附属邵逸夫医院",
    },
    addressZh: "浙江省杭州市上城区庆春东路3号",
    address: { en: "3 Qingchun East Road, Shangcheng District, Hangzhou, Zhejiang" },
    intlDeptName: { ...intlDept, en: "International Medical Center" },
    description: {
      en: "The first hospital in mainland China accredited by JCI, with an international medical center and English-speaking staff.",
      zh: "中国大陆首家通过JCI认证的医院，设有国际医疗中心，配备英语工作人员。",
    },
    latitude: 30.2582,
    longitude: 120.2007,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: ["JCI"],
    languages: ["zh", "en"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER", "PRIVATE_CONSULTATION_ROOM"],
    emergency24h: true,
    phone: "+86 571 8600 6000",
    hours: "weekdays-sat",
    departments: ["general-practice", "gastroenterology", "orthopedics"],
    packages: [],
    agreements: [
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "geoblue", scope: "OUTPATIENT" },
      { insurer: "cigna-global", scope: "OUTPATIENT" },
    ],
    guideListed: true,
  },
  {
    slug: "hku-shenzhen-hospital",
    city: "shenzhen",
    nameZh: "香港大学深圳医院",
    name: {
      en: "The University of Hong Kong-Shenzhen Hospital",
      zh: "香港大学深圳医院",
      ru: "Больница Гонконгского университета в Шэньчжэне",
      ja: "香港大学深圳医院",
      ko: "홍콩대학 선전병원",
    },
    addressZh: "广东省深圳市福田区海园一路1号",
    address: { en: "1 Haiyuan 1st Road, Futian District, Shenzhen, Guangdong" },
    intlDeptName: { ...intlDept, en: "International Medical Center" },
    description: {
      en: "A public hospital run with Hong Kong practices: appointment-based family medicine, package pricing and English-speaking staff.",
      zh: "引入香港管理模式的公立医院：预约制全科诊疗、打包收费、英语服务。",
    },
    latitude: 22.5247,
    longitude: 114.0153,
    ownership: "PUBLIC",
    grade: "TERTIARY_A",
    accreditations: ["ACHS"],
    languages: ["zh", "en"],
    services: ["INTERPRETER", "VISA_SUPPORT_LETTER"],
    emergency24h: true,
    phone: "+86 755 8691 3333",
    hours: "daily",
    departments: ["general-practice", "pediatrics", "orthopedics", "dentistry"],
    packages: [],
    agreements: [
      { insurer: "cigna-global", scope: "OUTPATIENT" },
      { insurer: "bupa-global", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "OUTPATIENT" },
      { insurer: "axa", scope: "INPATIENT", preauthLeadDays: 2 },
    ],
    guideListed: true,
  },
  {
    slug: "suifenhe-peoples-hospital",
    city: "suifenhe",
    nameZh: "绥芬河市人民医院",
    name: { en: "Suifenhe People's Hospital", zh: "绥芬河市人民医院", ru: "Народная больница Суйфэньхэ" },
    addressZh: "黑龙江省绥芬河市通天路",
    address: { en: "Tongtian Road, Suifenhe, Heilongjiang", ru: "Хэйлунцзян, Суйфэньхэ, ул. Тунтянь" },
    intlDeptName: {
      ...intlDept,
      en: "International Patient Service",
      zh: "国际患者服务部",
      ru: "Отдел для иностранных пациентов",
    },
    description: {
      en: "A border-city general hospital that treats many Russian patients, with Russian-speaking coordinators.",
      zh: "边境城市综合医院，接诊大量俄罗斯患者，配有俄语协调员。",
      ru: "Многопрофильная больница пограничного города: принимает много пациентов из России, есть русскоязычные координаторы.",
    },
    latitude: 44.3963,
    longitude: 131.1514,
    ownership: "PUBLIC",
    grade: "SECONDARY_A",
    accreditations: [],
    languages: ["zh", "ru"],
    services: ["INTERPRETER"],
    emergency24h: true,
    phone: "+86 453 392 2120",
    hours: "weekdays-sat",
    departments: ["internal-medicine", "dentistry", "orthopedics"],
    packages: [],
    agreements: [],
    guideListed: true,
  },
  {
    slug: "suifenhe-tcm-hospital",
    city: "suifenhe",
    nameZh: "绥芬河市中医医院",
    name: {
      en: "Suifenhe Hospital of Traditional Chinese Medicine",
      zh: "绥芬河市中医医院",
      ru: "Больница традиционной китайской медицины Суйфэньхэ",
    },
    addressZh: "黑龙江省绥芬河市",
    address: { en: "Suifenhe, Heilongjiang", ru: "Хэйлунцзян, Суйфэньхэ" },
    intlDeptName: {
      ...intlDept,
      en: "Russian Patient Service",
      zh: "俄罗斯患者服务部",
      ru: "Отдел для русскоязычных пациентов",
    },
    description: {
      en: "TCM hospital on the Russian border offering acupuncture and herbal treatment courses to visitors from the Russian Far East.",
      zh: "地处中俄边境的中医医院，为俄罗斯远东游客提供针灸和中药疗程。",
      ru: "Больница ТКМ на границе с Россией: курсы иглоукалывания и фитотерапии для гостей с Дальнего Востока.",
    },
    latitude: 44.4134,
    longitude: 131.1612,
    ownership: "PUBLIC",
    grade: "SECONDARY_A",
    accreditations: [],
    languages: ["zh", "ru"],
    services: ["INTERPRETER", "AIRPORT_PICKUP"],
    emergency24h: false,
    phone: "+86 453 392 5120",
    hours: "weekdays-sat",
    departments: ["tcm", "acupuncture"],
    packages: [
      {
        slug: "suifenhe-joint-pain-course",
        conditions: ["neck_back_pain", "joint_pain"],
        therapies: ["acupuncture", "moxibustion", "herbal_medicine"],
        sessions: 10,
        durationDays: 10,
        priceYuan: 3900,
        name: {
          en: "Joint and back pain: ten-day acupuncture course",
          zh: "关节与腰背痛十日针灸疗程",
          ru: "Боль в суставах и спине: десятидневный курс иглоукалывания",
        },
        description: {
          en: "Daily acupuncture and moxibustion with a herbal plan, with Russian-speaking staff.",
          zh: "每日针灸和艾灸并配合中药，俄语服务。",
          ru: "Ежедневное иглоукалывание и прижигание с травяным курсом, русскоязычный персонал.",
        },
        treatmentPlan: {
          en: "10 daily sessions of 60 minutes.",
          zh: "连续10天，每天60分钟。",
          ru: "10 ежедневных сеансов по 60 минут.",
        },
        expectedOutcome: {
          en: "Reduced pain for many patients; results vary.",
          zh: "许多患者疼痛减轻；效果因人而异。",
          ru: "У многих пациентов боль уменьшается; результаты индивидуальны.",
        },
        contraindications: contraGeneral,
      },
    ],
    agreements: [],
    guideListed: false,
  },
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
