// One home for which guarantee-of-payment decisions staff may take on a
// booking: the staff booking page offers exactly these, and decideGuarantee
// refuses any other with INVALID_TRANSITION.

export const GUARANTEE_DECISIONS = ["approve", "deny"] as const;
export type GuaranteeDecision = (typeof GUARANTEE_DECISIONS)[number];

/**
 * Both decisions while the insurer's answer is awaited on a booking that waits
 * for it (PENDING_CONFIRMATION); none once decided, confirmed or cancelled.
 */
export function guaranteeDecisions(b: {
  status: string;
  guarantee: string | null | undefined;
}): readonly GuaranteeDecision[] {
  return b.guarantee === "PENDING" && b.status === "PENDING_CONFIRMATION" ? GUARANTEE_DECISIONS : [];
}

/** Whether staff may take `decision` on the booking. */
export function mayDecideGuarantee(
  b: { status: string; guarantee: string | null | undefined },
  decision: GuaranteeDecision,
): boolean {
  return guaranteeDecisions(b).includes(decision);
}
