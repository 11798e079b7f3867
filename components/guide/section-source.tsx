// The source beside a translation in the guide editor: the section as written
// in English or Chinese, read-only, with a switch between the two (links, so
// it works without JavaScript) and when it was last saved.
import { getTranslations } from "next-intl/server";
import { SectionBody } from "@/components/guide/section-body";
import { beijingFormat, languageNames } from "@/components/ui/formats";
import { localeMeta, type Locale } from "@/lib/i18n/locales";
import { Link } from "@/lib/i18n/navigation";

type Props = {
  locale: string;
  /** The editor's own query, to which the switch adds `source`. */
  query: Record<string, string>;
  choices: readonly Locale[];
  source: { language: Locale; text: { title: string; body: string; updatedAt: Date } | null };
};

export async function SectionSource({ locale, query, choices, source }: Props) {
  const t = await getTranslations("Admin.editor");
  const language = languageNames(locale);
  const name = (l: string) => language.of(l) ?? l;
  const when = beijingFormat(locale, "medium", "short");
  return (
    <section
      aria-labelledby="source-heading"
      className="space-y-3 rounded border border-slate-300 bg-slate-50 p-4"
      data-testid="section-source"
    >
      <h2 id="source-heading" className="text-xl font-semibold">
        {t("sourceHeading", { language: name(source.language) })}
      </h2>
      {choices.length > 1 && (
        <nav aria-label={t("sourceSwitch")} className="flex flex-wrap items-center gap-3">
          <span aria-hidden="true" className="text-sm text-slate-700">
            {t("sourceSwitch")}
          </span>
          {choices.map((l) => (
            <Link
              key={l}
              href={{ pathname: "/admin/guide/edit", query: { ...query, source: l } }}
              aria-current={l === source.language ? "true" : undefined}
              className={`rounded px-2 py-1 underline ${l === source.language ? "bg-brand-700 text-white" : "text-brand-700"}`}
            >
              {name(l)}
            </Link>
          ))}
        </nav>
      )}
      {source.text ? (
        <>
          <p className="text-sm text-slate-700">
            {t("lastSaved", { date: when.format(source.text.updatedAt) })}
          </p>
          <div lang={source.language} dir={localeMeta[source.language].dir} className="space-y-2">
            <h3 className="text-lg font-semibold">{source.text.title}</h3>
            <SectionBody text={source.text.body} lang={source.language} />
          </div>
        </>
      ) : (
        <p>{t("sourceMissing", { language: name(source.language) })}</p>
      )}
    </section>
  );
}
