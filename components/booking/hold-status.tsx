"use client";

// The hold above the booking form. The countdown; from two minutes before the
// end a warning, announced once (the live region's words do not change as the
// seconds pass), with "keep this time for 10 more minutes" while the hold has
// not been extended; once the hold has run out, a notice that leaves the form
// filled and offers to hold the same time again; and always "choose another
// time", which lets the hold go (a plain form posting to a server action, so
// it works before hydration and without JavaScript).
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";

/** The warning shows when this many seconds of the hold are left. */
export const WARN_SECONDS = 120;

type Props = {
  secondsLeft: number;
  /** The hold was extended once already: no second offer. */
  extended: boolean;
  /** It was extended a moment ago, on this page: say so. */
  justExtended: boolean;
  holdToken: string;
  slotId: string;
  locale: string;
  /** Where "choose another time" leads, once the hold is let go. */
  chooseAgainHref: string;
  /** Extends the hold (intent "extend") or holds the same time again (intent "again"). */
  holdAction: (formData: FormData) => void;
  releaseAction: (formData: FormData) => void | Promise<void>;
  /** Why extending or holding again did not work, in the page's language. */
  problem: string | null;
};

const clockText = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

const Hidden = ({ values }: { values: Record<string, string> }) =>
  Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);

const action = "rounded px-4 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2";

export function HoldStatus(p: Props) {
  const t = useTranslations("Booking");
  const expired = p.secondsLeft <= 0;
  const warning = !expired && p.secondsLeft <= WARN_SECONDS;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded bg-brand-50 p-3">
        {!expired && (
          <p role="timer" className="font-medium text-brand-800">
            {t("heldFor", { remaining: clockText(p.secondsLeft) })}
          </p>
        )}
        <form action={p.releaseAction}>
          <Hidden values={{ hold: p.holdToken, locale: p.locale, back: p.chooseAgainHref }} />
          <SubmitButton className="text-brand-700 underline focus-visible:outline-2 focus-visible:outline-offset-2">
            {t("chooseAgain")}
          </SubmitButton>
        </form>
      </div>
      <div aria-live="polite">
        {warning && (
          <div
            data-testid="hold-warning"
            className="space-y-2 rounded border-2 border-amber-400 bg-amber-50 p-3 text-amber-950"
          >
            <p className="font-medium">{t("holdEnding")}</p>
            {!p.extended && (
              <form action={p.holdAction}>
                <Hidden values={{ intent: "extend", hold: p.holdToken, locale: p.locale }} />
                <SubmitButton
                  className={`${action} bg-brand-700 text-white hover:bg-brand-800 disabled:opacity-60`}
                >
                  {t("extendHold")}
                </SubmitButton>
              </form>
            )}
          </div>
        )}
        {p.justExtended && !warning && !expired && (
          <p className="rounded border border-emerald-300 bg-emerald-50 p-3 text-emerald-950">
            {t("holdExtended")}
          </p>
        )}
      </div>
      {expired && (
        <div
          role="alert"
          className="space-y-2 rounded border-2 border-amber-400 bg-amber-50 p-3 text-amber-950"
        >
          <p className="font-medium">{t("holdEndedKept")}</p>
          <form action={p.holdAction}>
            <Hidden values={{ intent: "again", slotId: p.slotId, locale: p.locale }} />
            <SubmitButton
              className={`${action} bg-brand-700 text-white hover:bg-brand-800 disabled:opacity-60`}
            >
              {t("holdAgain")}
            </SubmitButton>
          </form>
        </div>
      )}
      {p.problem && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {p.problem}
        </p>
      )}
    </div>
  );
}
