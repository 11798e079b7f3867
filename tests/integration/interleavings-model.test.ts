// DESIGN rule 9: rules 1, 2, 3 and 7 hold under any interleaving of every use
// case that touches a booking, a hold, a slot or a month; staff status changes
// also respect time (rule 10: the model acts before, during and after visits). A few thousand random
// concurrent operations on a few small slots in two months of a public
// institution with a tight cap; the invariants are checked in SQL after every
// round. MODEL_SEED replays a failing run; `npm run soak` runs a long one.
import { describe, expect, it } from "vitest";
import { runModel } from "../model/booking-model";
import { testDb } from "../helpers/db";

const seed = Number(process.env.MODEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ops = Number(process.env.MODEL_OPS ?? 2000);

describe("every use case, interleaved at random (rule 9)", () => {
  it(`keeps capacity, quota, idempotency and one e-mail per event (seed ${seed}, ${ops} operations)`, async () => {
    const result = await runModel(testDb(), { seed, ops, workers: 8 });
    console.log(
      `[model] seed ${seed}: ${result.ops} operations in ${result.rounds} rounds, ${result.invariantChecks} invariant checks, ` +
        `${result.seconds.toFixed(1)} s\n${JSON.stringify(result.outcomes)}`,
    );
    expect(result.invariantChecks).toBe(result.rounds);
    // The run exercised the races it is for: places and months ran out, and staff and patients collided.
    expect(result.outcomes["book:OK"]).toBeGreaterThan(0);
    expect(result.outcomes["book:SLOT_FULL"] ?? 0).toBeGreaterThan(0);
    expect(result.outcomes["book:QUOTA_EXCEEDED"] ?? 0).toBeGreaterThan(0);
    expect(result.outcomes["reschedule:OK"]).toBeGreaterThan(0);
    // Staff worked the day: patients checked in, completed or missed visits (a few of each in a
    // run: the model's patients cancel and erase most bookings before their visit).
    const worked = ["staff.checkIn:OK", "staff.complete:OK", "staff.noShow:OK"];
    expect(worked.reduce((sum, key) => sum + (result.outcomes[key] ?? 0), 0)).toBeGreaterThan(0);
  }, 300_000);
});
