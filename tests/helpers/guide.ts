// The guide's publication as the console does it: read the confirmation page's
// review (the version number and the draft's revision), then publish with it.
import type { Actor } from "../../lib/auth/actor";
import type { DbClient } from "../../lib/db/create-client";
import { publishGuide } from "../../lib/guide/guide-authoring";
import { reviewPublication } from "../../lib/guide/review-publication";

/** What the confirmation page sends back for `city`'s draft as it is now. */
export async function confirmation(db: DbClient, actor: Actor, city: string) {
  const review = await reviewPublication(db, actor, { city }, "en");
  return { city, version: review.version, revision: review.revision };
}

/** Publishes the draft as it is now, confirmed the way the confirmation page confirms it. */
export async function publishConfirmed(db: DbClient, actor: Actor, city: string, now?: Date) {
  return publishGuide(db, actor, await confirmation(db, actor, city), now);
}
