// Before the cluster suite (npm run test:cluster): the production build every
// server process of it runs, made once (reused when the sources have not
// changed since the last build, as `npm start` does).
import { buildIfNeeded } from "../../scripts/lib/runtime";

export default async function setup(): Promise<void> {
  await buildIfNeeded();
}
