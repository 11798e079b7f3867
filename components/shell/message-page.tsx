import { Link } from "@/lib/i18n/navigation";

/** A page that only says something (not found, forbidden) and links home. */
export function MessagePage({ title, text, home }: { title: string; text: string; home: string }) {
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold text-brand-800">{title}</h1>
      <p className="mt-3">{text}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {home}
      </Link>
    </div>
  );
}
