"use client";

// The apply's progress bar (issue 19): asks the job's progress route every
// second and shows processed of total rows; when the job is applied or has
// failed it reloads the job page, which shows the result. The job lives in the
// database, so a reload in the middle finds the same progress.
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

type Progress = { status: string; processedRows: number; totalRows: number };

type Props = { progressUrl: string; jobUrl: string; initial: Progress };

const POLL_MS = 1_000;

export function ImportProgress({ progressUrl, jobUrl, initial }: Props) {
  const t = useTranslations("Import.job.progress");
  const [progress, setProgress] = useState(initial);
  const [lost, setLost] = useState(false);
  const finished = progress.status === "APPLIED" || progress.status === "FAILED";

  useEffect(() => {
    if (finished) {
      window.location.replace(jobUrl);
      return;
    }
    let stopped = false;
    const timer = window.setTimeout(async () => {
      try {
        const response = await fetch(progressUrl, {
          cache: "no-store",
          headers: { accept: "application/json" },
        });
        if (!response.ok) throw new Error(String(response.status));
        const next = (await response.json()) as Progress;
        if (!stopped) {
          setLost(false);
          setProgress(next);
        }
      } catch {
        if (!stopped) {
          setLost(true);
          setProgress((p) => ({ ...p })); // ask again a second later
        }
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [progress, finished, progressUrl, jobUrl]);

  const { processedRows: done, totalRows: total } = progress;
  const started = progress.status !== "PLANNED";
  const text = finished ? t("done") : started ? t("rows", { done, total }) : t("starting");
  return (
    <div className="space-y-2">
      <ProgressBar label={t("label")} done={done} total={total} text={text} />
      {lost && (
        <p role="alert" className="text-red-800">
          {t("lost")}
        </p>
      )}
    </div>
  );
}

/** The bar itself: a labelled progressbar saying "done of total rows", also shown full once applied. */
export function ProgressBar({
  label,
  done,
  total,
  text,
}: {
  label: string;
  done: number;
  total: number;
  text: string;
}) {
  const max = Math.max(total, 1);
  return (
    <div className="space-y-2">
      <div id="import-progress-label" className="font-medium">
        {label}
      </div>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={Math.min(done, max)}
        aria-valuetext={text}
        className="h-4 w-full overflow-hidden rounded border border-slate-300 bg-slate-100"
      >
        <div className="h-full bg-brand-700" style={{ width: `${Math.min(100, (100 * done) / max)}%` }} />
      </div>
      <p className="text-slate-700 tabular-nums">{text}</p>
    </div>
  );
}
