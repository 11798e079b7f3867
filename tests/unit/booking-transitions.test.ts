// The status machine's time conditions (DESIGN rule 10) at their boundaries:
// check-in from 00:00 in Beijing on the visit's day (or 2 h before an early
// start) until the end of that day, a no-show from the start, and the status
// and guarantee conditions as before.
import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  checkInWindow,
  transitionsNotNow,
  whyNot,
  type TransitionSubject,
} from "../../lib/booking/booking-transitions";

const at = (beijing: string) => new Date(`${beijing}+08:00`);
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const confirmed = (startsAt: Date): TransitionSubject => ({ status: "CONFIRMED", guarantee: null, startsAt });

describe("check-in window", () => {
  it("opens at 00:00 Beijing on the visit's day and closes at its end, for a daytime visit", () => {
    const startsAt = at("2026-12-03T09:30:00");
    expect(checkInWindow(startsAt)).toEqual({
      opens: at("2026-12-03T00:00:00"),
      closes: at("2026-12-04T00:00:00"),
    });
    const b = confirmed(startsAt);
    expect(whyNot("checkIn", b, ms(at("2026-12-03T00:00:00"), -1))).toBe("checkInNotYet");
    expect(whyNot("checkIn", b, at("2026-12-03T00:00:00"))).toBeNull();
    expect(whyNot("checkIn", b, at("2026-12-03T23:59:59"))).toBeNull();
    expect(whyNot("checkIn", b, at("2026-12-04T00:00:00"))).toBe("checkInClosed");
    // Three days ahead (the stumble of issue 16): refused.
    expect(whyNot("checkIn", b, at("2026-11-30T10:00:00"))).toBe("checkInNotYet");
  });

  it("opens 2 hours before a visit that starts before 02:00 Beijing, the evening before", () => {
    const startsAt = at("2026-12-03T01:00:00");
    expect(checkInWindow(startsAt).opens).toEqual(at("2026-12-02T23:00:00"));
    const b = confirmed(startsAt);
    expect(whyNot("checkIn", b, ms(at("2026-12-02T23:00:00"), -1))).toBe("checkInNotYet");
    expect(whyNot("checkIn", b, at("2026-12-02T23:00:00"))).toBeNull();
    expect(whyNot("checkIn", b, at("2026-12-03T22:00:00"))).toBeNull();
  });

  it("does not depend on the server's own zone: a visit at 07:00 Beijing is the day before in UTC", () => {
    const startsAt = new Date("2026-12-02T23:00:00Z"); // 07:00 on 3 Dec in Beijing
    expect(checkInWindow(startsAt)).toEqual({
      opens: new Date("2026-12-02T16:00:00Z"),
      closes: new Date("2026-12-03T16:00:00Z"),
    });
  });
});

describe("no-show", () => {
  it("only from the start time", () => {
    const startsAt = at("2026-12-03T09:30:00");
    const b = confirmed(startsAt);
    expect(whyNot("noShow", b, ms(startsAt, -1))).toBe("noShowNotYet");
    expect(whyNot("noShow", b, startsAt)).toBeNull();
    expect(whyNot("noShow", b, at("2026-12-20T09:30:00"))).toBeNull();
  });
});

describe("what staff may do now", () => {
  const startsAt = at("2026-12-03T09:30:00");
  it("weeks ahead: confirm or cancel, no check-in or no-show (each with its reason)", () => {
    const now = at("2026-11-12T10:00:00");
    expect(allowedTransitions(confirmed(startsAt), now)).toEqual(["cancel"]);
    expect(transitionsNotNow(confirmed(startsAt), now)).toEqual([
      { name: "checkIn", reason: "checkInNotYet" },
      { name: "noShow", reason: "noShowNotYet" },
    ]);
    expect(allowedTransitions({ status: "PENDING_CONFIRMATION", guarantee: null, startsAt }, now)).toEqual([
      "confirm",
      "cancel",
    ]);
  });

  it("on the day before the start: check-in and cancel; after the start: no-show too", () => {
    expect(allowedTransitions(confirmed(startsAt), at("2026-12-03T08:00:00"))).toEqual(["checkIn", "cancel"]);
    expect(allowedTransitions(confirmed(startsAt), at("2026-12-03T09:30:00"))).toEqual([
      "checkIn",
      "noShow",
      "cancel",
    ]);
    expect(transitionsNotNow(confirmed(startsAt), at("2026-12-03T09:30:00"))).toEqual([]);
  });

  it("the day after: no check-in any more, a no-show or a cancellation", () => {
    const now = at("2026-12-04T08:00:00");
    expect(allowedTransitions(confirmed(startsAt), now)).toEqual(["noShow", "cancel"]);
    expect(transitionsNotNow(confirmed(startsAt), now)).toEqual([
      { name: "checkIn", reason: "checkInClosed" },
    ]);
  });

  it("complete only after check-in, whatever the time; nothing after the end states", () => {
    const checkedIn = { status: "CHECKED_IN" as const, guarantee: null, startsAt };
    expect(allowedTransitions(checkedIn, at("2026-12-03T10:00:00"))).toEqual(["complete"]);
    expect(whyNot("complete", confirmed(startsAt), at("2026-12-03T10:00:00"))).toBe("status");
    for (const status of ["COMPLETED", "NO_SHOW", "CANCELLED"] as const) {
      expect(allowedTransitions({ status, guarantee: null, startsAt }, at("2026-12-03T10:00:00"))).toEqual(
        [],
      );
      expect(transitionsNotNow({ status, guarantee: null, startsAt }, at("2026-11-03T10:00:00"))).toEqual([]);
    }
  });

  it("a booking waiting for the insurer is confirmed by deciding the guarantee", () => {
    const waiting = { status: "PENDING_CONFIRMATION" as const, startsAt };
    const now = at("2026-11-12T10:00:00");
    expect(whyNot("confirm", { ...waiting, guarantee: "PENDING" }, now)).toBe("guarantee");
    expect(allowedTransitions({ ...waiting, guarantee: "DENIED" }, now)).toEqual(["cancel"]);
    expect(allowedTransitions({ ...waiting, guarantee: "APPROVED" }, now)).toEqual(["confirm", "cancel"]);
  });
});
