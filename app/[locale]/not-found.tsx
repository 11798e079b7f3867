import { useTranslations } from "next-intl";
import { MessagePage } from "@/components/shell/message-page";

export default function LocaleNotFound() {
  const t = useTranslations("NotFound");
  return <MessagePage title={t("title")} text={t("text")} home={t("home")} />;
}
