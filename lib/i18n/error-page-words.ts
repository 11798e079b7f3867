// The last-resort error page's words (app/global-error.tsx) in every locale: title, text,
// emergency line and retry button of the ErrorPage namespace, copied here so the page does not
// bundle a whole messages file into every page's JavaScript (issue 21, ADR 0031).
// tests/unit/error-page-words.test.ts checks they equal messages/<locale>.json.
import type { Locale } from "./locales";

export type ErrorPageWords = { title: string; text: string; emergency: string; retry: string };

export const errorPageWords: Record<Locale, ErrorPageWords> = {
  ar: {
    title: "الخدمة غير متاحة مؤقتًا",
    text: "حدث خطأ من جهتنا. بياناتك في أمان. يرجى المحاولة مرة أخرى بعد قليل.",
    emergency: "في حالة الطوارئ الطبية اتصل بالرقم 120 الآن.",
    retry: "حاول مرة أخرى",
  },
  de: {
    title: "Der Dienst ist vorübergehend nicht verfügbar",
    text: "Bei uns ist etwas schiefgelaufen. Ihre Daten sind sicher. Bitte versuchen Sie es gleich noch einmal.",
    emergency: "Bei einem medizinischen Notfall rufen Sie sofort die 120.",
    retry: "Erneut versuchen",
  },
  en: {
    title: "The service is temporarily unavailable",
    text: "Something went wrong on our side. Your data is safe. Please try again in a moment.",
    emergency: "If this is a medical emergency, call 120 now.",
    retry: "Try again",
  },
  es: {
    title: "El servicio no está disponible temporalmente",
    text: "Algo ha fallado por nuestra parte. Sus datos están a salvo. Vuelva a intentarlo en un momento.",
    emergency: "Si es una emergencia médica, llame ahora al 120.",
    retry: "Reintentar",
  },
  fr: {
    title: "Le service est momentanément indisponible",
    text: "Un problème est survenu de notre côté. Vos données sont en sécurité. Réessayez dans un instant.",
    emergency: "En cas d’urgence médicale, appelez immédiatement le 120.",
    retry: "Réessayer",
  },
  id: {
    title: "Layanan sementara tidak tersedia",
    text: "Terjadi masalah di pihak kami. Data Anda aman. Silakan coba lagi sebentar lagi.",
    emergency: "Jika ini darurat medis, segera hubungi 120.",
    retry: "Coba lagi",
  },
  ja: {
    title: "サービスは一時的に利用できません",
    text: "こちら側で問題が発生しました。データは安全です。しばらくしてからもう一度お試しください。",
    emergency: "医療の緊急時は、今すぐ 120 に電話してください。",
    retry: "再試行",
  },
  kk: {
    title: "Қызмет уақытша қолжетімсіз",
    text: "Біздің тарапта қате шықты. Деректеріңіз қауіпсіз. Сәлден кейін қайталап көріңіз.",
    emergency: "Егер бұл шұғыл медициналық жағдай болса, дереу 120 нөміріне қоңырау шалыңыз.",
    retry: "Қайталау",
  },
  ko: {
    title: "서비스를 일시적으로 사용할 수 없습니다",
    text: "저희 쪽에 문제가 생겼습니다. 데이터는 안전합니다. 잠시 후 다시 시도해 주세요.",
    emergency: "의료 응급 상황이라면 지금 바로 120번으로 전화하세요.",
    retry: "다시 시도",
  },
  mn: {
    title: "Үйлчилгээ түр ажиллахгүй байна",
    text: "Манай талд алдаа гарлаа. Таны мэдээлэл аюулгүй байна. Хэсэг хугацааны дараа дахин оролдоно уу.",
    emergency: "Хэрэв яаралтай тусламж шаардлагатай бол яг одоо 120 дугаарт залгана уу.",
    retry: "Дахин оролдох",
  },
  ru: {
    title: "Сервис временно недоступен",
    text: "На нашей стороне произошла ошибка. Ваши данные в безопасности. Повторите попытку чуть позже.",
    emergency: "Если это экстренный случай, немедленно звоните 120.",
    retry: "Повторить",
  },
  th: {
    title: "บริการไม่พร้อมใช้งานชั่วคราว",
    text: "เกิดข้อผิดพลาดในระบบของเรา ข้อมูลของคุณปลอดภัย โปรดลองอีกครั้งในอีกสักครู่",
    emergency: "หากเป็นเหตุฉุกเฉินทางการแพทย์ โปรดโทร 120 ทันที",
    retry: "ลองอีกครั้ง",
  },
  vi: {
    title: "Dịch vụ tạm thời không khả dụng",
    text: "Đã xảy ra lỗi từ phía chúng tôi. Dữ liệu của bạn vẫn an toàn. Vui lòng thử lại sau giây lát.",
    emergency: "Nếu đây là trường hợp cấp cứu y tế, hãy gọi 120 ngay.",
    retry: "Thử lại",
  },
  zh: {
    title: "服务暂时不可用",
    text: "我们这边出现了问题，您的数据是安全的。请稍后再试。",
    emergency: "如遇医疗急症，请立即拨打 120。",
    retry: "重试",
  },
};
