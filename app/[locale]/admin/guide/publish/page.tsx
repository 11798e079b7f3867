import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PublicationReview } from "@/components/guide/publication-review";
import { ActionForm } from "@/components/staff/action-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { adminPage, pageError } from "@/app/[locale]/_console/page-guard";
import { getDb } from "@/lib/db/client";
import { reviewPublication, reviewPublicationSchema } from "@/lib/guide/review-publication";
import { Link } from "@/lib/i18n/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { staffTitle } from "@/app/[locale]/_console/page-title";
import { publishGuideAction, republishGuideAction } from "../../actions";
import { openPage, type PageProps } from "@/app/[locale]/page-props";

type Props = PageProps;

export const generateMetadata = staffTitle("Admin.guide");

/**
 * The confirmation step before publishing: what will be published, then
 * "publish" (which sends back the version and the draft's revision shown
 * here) or "cancel" (back to the guide, nothing published). A page of its
 * own, so it works without JavaScript.
 */
export default async function PublishGuidePage({ params, searchParams }: Props) {
  const { locale } = await openPage(params);
  const sp = await searchParams;
  const path = `/${locale}/admin/guide/publish`;
  const scope = await adminPage("guide.manage", locale, path);
  const query = reviewPublicationSchema.safeParse({
    city: typeof sp.city === "string" ? sp.city : undefined,
    from: typeof sp.from === "string" ? Number(sp.from) : undefined,
  });
  if (!query.success) notFound();
  const review = await reviewPublication(getDb(), scope.actor, query.data, locale).catch((e: unknown) =>
    pageError(e, locale, path),
  );
  const t = await getTranslations("Admin.publish");
  const tg = await getTranslations("Admin.guide");
  const back = { pathname: "/admin/guide", query: { city: review.city.slug } };
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        back={{ href: back, label: tg("backToWorkspace") }}
        title={
          review.from === null
            ? t("title", { version: review.version, city: review.city.name })
            : t("titleAgain", { from: review.from, version: review.version, city: review.city.name })
        }
        intro={t("intro")}
      />
      <PublicationReview review={review} locale={locale} />
      {review.missingRequired.length > 0 ? (
        <Notice tone="bad" role="alert">
          {tg("requiredMissing", { count: review.missingRequired.length })}
        </Notice>
      ) : review.from === null ? (
        <ActionForm
          action={publishGuideAction}
          locale={locale}
          submitLabel={t("confirm", { version: review.version })}
          hidden={{ city: review.city.slug, version: review.version, revision: review.revision }}
        />
      ) : (
        <ActionForm
          action={republishGuideAction}
          locale={locale}
          submitLabel={t("confirm", { version: review.version })}
          hidden={{ city: review.city.slug, version: review.from, next: review.version }}
        />
      )}
      <p>
        <Link href={back} className={buttonClass("quiet")}>
          {t("cancel")}
        </Link>
      </p>
    </div>
  );
}
