import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/staff/action-form";
import { TextField } from "@/components/staff/text-field";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { SECTION_BODY_MAX } from "@/lib/guide/codes";
import { getSectionText } from "@/lib/guide/guide-authoring";
import { Link } from "@/lib/i18n/navigation";
import { localeMeta } from "@/lib/i18n/locales";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { saveGuideSectionAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.editor");

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function SectionEditorPage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const path = `/${locale}/admin/guide/edit`;
  const scope = await adminPage("guide.manage", locale, path);
  const text = await getSectionText(getDb(), scope.actor, {
    city: one(sp.city),
    section: one(sp.section),
    language: one(sp.language),
  }).catch((e: unknown) => pageError(e, locale, path));
  const t = await getTranslations("Admin.editor");
  const ts = await getTranslations("Admin.section");
  const language = new Intl.DisplayNames([locale], { type: "language" }).of(text.language) ?? text.language;
  const dir = localeMeta[text.language].dir;
  return (
    <div className="max-w-3xl space-y-6">
      <Link
        href={{ pathname: "/admin/guide", query: { city: text.city.slug } }}
        className="text-brand-700 underline"
      >
        {t("back")}
      </Link>
      <h1 className="text-3xl font-bold text-brand-800">
        {t("title", { section: ts(text.section), language })}
      </h1>
      <p className="text-slate-700">{t("intro")}</p>
      <ActionForm action={saveGuideSectionAction} locale={locale} submitLabel={t("save")}>
        <input type="hidden" name="city" value={text.city.slug} />
        <input type="hidden" name="section" value={text.section} />
        <input type="hidden" name="language" value={text.language} />
        <TextField
          id="title"
          label={t("sectionTitle")}
          name="title"
          required
          maxLength={200}
          defaultValue={text.title}
          lang={text.language}
          dir={dir}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
        <div>
          <label htmlFor="body" className="block font-medium">
            {t("body")}
          </label>
          <textarea
            id="body"
            name="body"
            rows={12}
            maxLength={SECTION_BODY_MAX}
            defaultValue={text.body}
            lang={text.language}
            dir={dir}
            aria-describedby="body-hint"
            className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
          />
          <p id="body-hint" className="mt-1 text-sm text-slate-600">
            {t("bodyHint")}
          </p>
        </div>
      </ActionForm>
    </div>
  );
}
