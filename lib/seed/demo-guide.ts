// Text of the demo foreigner medical guides (one per demo city), in English and Chinese.
import type { GuideSectionKey } from "../db/generated/client";

interface SectionText {
  title: string;
  body: string;
}

export function demoGuideSections(city: {
  en: string;
  zh: string;
}): { key: GuideSectionKey; en: SectionText; zh: SectionText }[] {
  return [
    {
      key: "EMERGENCIES",
      en: {
        title: "Emergencies",
        body: `Call 120 for an ambulance anywhere in ${city.en}. Say your address slowly, or show the Chinese address from this portal. Police: 110. Fire: 119. Hospitals marked "24-hour emergency" accept walk-in emergencies at any time.`,
      },
      zh: {
        title: "急救",
        body: `在${city.zh}任何地方拨打 120 呼叫救护车。请慢慢说出地址，或出示本平台上的中文地址。报警：110。火警：119。标有"24 小时急诊"的医院随时接诊急症患者。`,
      },
    },
    {
      key: "HOW_TO_BOOK",
      en: {
        title: "How to book",
        body: "Choose a hospital or a TCM package on this portal, pick a time, and confirm. You receive a booking reference and a link to change or cancel. Bring your passport to the visit.",
      },
      zh: {
        title: "如何预约",
        body: "在本平台选择医院或中医药服务包，选择时间并确认。您会收到预约编号和用于改约或取消的链接。就诊时请携带护照。",
      },
    },
    {
      key: "INSTITUTIONS",
      en: {
        title: "Listed institutions",
        body: `These institutions in ${city.en} meet the city's standard for receiving foreign patients: multilingual service, appointment booking, and a clear way to pay.`,
      },
      zh: {
        title: "入选机构",
        body: `以下${city.zh}机构符合本市接待外籍患者的标准：多语种服务、预约挂号和清晰的支付方式。`,
      },
    },
    {
      key: "PAYING",
      en: {
        title: "Paying and insurance",
        body: "International patients pay with commercial insurance or by themselves. Some hospitals bill international insurers directly; check the payment page before you go. Bank cards and mobile wallets linked to foreign cards are widely accepted.",
      },
      zh: {
        title: "支付与保险",
        body: "国际患者通过商业保险或自费支付。部分医院可与国际保险公司直接结算，就诊前请查看支付页面。多数医院接受银行卡以及绑定境外银行卡的移动支付。",
      },
    },
    {
      key: "SOCIAL_INSURANCE",
      en: {
        title: "Social insurance card",
        body: "If you work in China you may hold a social insurance card. Domestic basic medical insurance does not pay for international-department or special services; use it in general outpatient departments instead.",
      },
      zh: {
        title: "社会保障卡",
        body: "在华工作的外籍人士可能持有社会保障卡。基本医疗保险不支付国际医疗部及特需服务费用，请在普通门诊使用。",
      },
    },
    {
      key: "VISAS",
      en: {
        title: "Visas and medical travel",
        body: "Hospitals on this portal can issue a visa support letter for planned treatment. Ask for it when you book and allow time for the visa application.",
      },
      zh: {
        title: "签证与医疗旅行",
        body: "本平台上的医院可为计划中的治疗出具签证邀请函。请在预约时提出，并为签证申请预留时间。",
      },
    },
    {
      key: "TCM",
      en: {
        title: "Traditional Chinese medicine",
        body: "TCM packages have a clear treatment plan, number of sessions and price. Tell the doctor about your medicines and any pregnancy before acupuncture or herbal treatment.",
      },
      zh: {
        title: "中医药服务",
        body: "中医药服务包列明治疗方案、疗程次数和价格。接受针灸或中药治疗前，请告知医生您正在服用的药物及是否怀孕。",
      },
    },
    {
      key: "PHARMACIES",
      en: {
        title: "Pharmacies",
        body: "Hospital pharmacies dispense prescriptions from that hospital. Retail pharmacies are marked with a green cross; many prescription medicines need a Chinese prescription.",
      },
      zh: {
        title: "药店",
        body: "医院药房凭本院处方发药。社会药店以绿色十字为标志，许多处方药需凭国内处方购买。",
      },
    },
    {
      key: "PRIVACY",
      en: {
        title: "Your privacy rights",
        body: "Under China's Personal Information Protection Law you consent separately to the use of health and identity data, and you may ask for a copy of your data or its deletion.",
      },
      zh: {
        title: "您的隐私权利",
        body: "根据《个人信息保护法》，健康和身份信息的处理需经您单独同意，您可以要求获取数据副本或删除数据。",
      },
    },
  ];
}
