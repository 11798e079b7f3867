import { SubmitButton } from "@/components/ui/button";
import type { Tone } from "@/components/ui/button-class";

/** A manage-page action (cancel, erase, choose self-pay) carrying the booking's reference and token. */
export function ManageActionForm({
  action,
  locale,
  reference,
  token,
  label,
  pendingLabel,
  tone = "danger",
  className = "mt-2",
}: {
  action: (formData: FormData) => Promise<void>;
  locale: string;
  reference: string;
  token: string;
  label: string;
  /** Said by the button while the server action runs. */
  pendingLabel?: string;
  tone?: Tone;
  className?: string;
}) {
  return (
    <form action={action} className={className}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton tone={tone} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
    </form>
  );
}
