import "server-only";
// The actor of the current request (pages, server actions, route handlers),
// read once per request.
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../db/client";
import { actorFromHeaders, type Actor } from "./actor";

export const currentActor = cache(async (): Promise<Actor | null> =>
  actorFromHeaders(getDb(), await headers()),
);
