/** A manage-page action (cancel, erase) carrying the booking's reference and token. */
export function ManageActionForm({
  action,
  locale,
  reference,
  token,
  label,
}: {
  action: (formData: FormData) => Promise<void>;
  locale: string;
  reference: string;
  token: string;
  label: string;
}) {
  return (
    <form action={action} className="mt-2">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" className="rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
        {label}
      </button>
    </form>
  );
}
