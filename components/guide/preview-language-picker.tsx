// The preview's choice of language: a plain GET form (a select and a button),
// so the commission can see the draft as a reader of any language would,
// with or without JavaScript. Each language is named in the admin's language
// and in its own.
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { languageNames } from "@/components/ui/formats";
import { localeMeta, locales } from "@/lib/i18n/locales";

type Props = { locale: string; city: string; language: string };

export async function PreviewLanguagePicker({ locale, city, language }: Props) {
  const t = await getTranslations("Admin.guide");
  const names = languageNames(locale);
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 print:hidden">
      <input type="hidden" name="city" value={city} />
      <SelectField
        id="language"
        name="language"
        label={t("previewLanguage")}
        defaultValue={language}
        inline
        options={locales.map((l) => ({
          value: l,
          label:
            l === locale ? localeMeta[l].nativeName : `${names.of(l) ?? l} (${localeMeta[l].nativeName})`,
        }))}
      />
      <Button type="submit" tone="quiet">
        {t("previewShow")}
      </Button>
    </form>
  );
}
