import { useTranslations } from "next-intl";
import { MessagePage } from "@/components/shell/message-page";

export default function Forbidden() {
  const t = useTranslations("Staff.forbidden");
  return <MessagePage title={t("title")} text={t("text")} home={t("home")} />;
}
