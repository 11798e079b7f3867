// A booking's status as a badge, in the reader's language: waiting is amber,
// confirmed and done green, cancelled and no-show red.
import { getTranslations } from "next-intl/server";
import { StatusBadge, type BadgeTone } from "@/components/ui/status-badge";

export const BOOKING_STATUSES = [
  "PENDING_CONFIRMATION",
  "CONFIRMED",
  "CHECKED_IN",
  "COMPLETED",
  "NO_SHOW",
  "CANCELLED",
] as const;

type Status = (typeof BOOKING_STATUSES)[number];

const tones: Record<Status, BadgeTone> = {
  PENDING_CONFIRMATION: "warning",
  CONFIRMED: "good",
  CHECKED_IN: "good",
  COMPLETED: "neutral",
  NO_SHOW: "bad",
  CANCELLED: "bad",
};

export async function BookingStatus({ status }: { status: string }) {
  const ts = await getTranslations("Staff.status");
  return <StatusBadge tone={tones[status as Status] ?? "neutral"}>{ts(status as Status)}</StatusBadge>;
}
