// Sign-in (better-auth sessions in Postgres), rate limits, sign-out
// everywhere, invitations and password resets, on the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { actorFromHeaders } from "../../lib/auth/actor";
import { SIGN_IN_DELAY, SIGN_IN_LIMITS, signInDelayMs } from "../../lib/auth/sign-in";
import { signOutEverywhere } from "../../lib/auth/sign-out";
import { authTokenFor } from "../../lib/crypto/secrets";
import { inviteStaff } from "../../lib/auth/invite-staff";
import { renderEmail } from "../../lib/notify/render-email";
import { requestPasswordResetFromForm, setPasswordFromForm, signInFromForm } from "../helpers/auth-forms";
import { testDb } from "../helpers/db";
import { createUser, createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";

let world: World;
let address = 0;
const request = () => ({ address: `198.51.100.${++address}`, headers: new Headers() });
const noWait = async () => undefined;
const cookieHeader = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

beforeAll(async () => {
  world = await createWorld(testDb());
});

describe("sign-in", () => {
  it("starts a session in Postgres behind an httpOnly, SameSite cookie that identifies the actor", async () => {
    const db = testDb();
    const result = await signInFromForm(db, { email: world.emails.staffA, password: PASSWORD }, request());
    const setCookie = result.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/portal\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(await db.session.count({ where: { userId: result.userId } })).toBeGreaterThan(0);
    const actor = await actorFromHeaders(db, new Headers({ cookie: cookieHeader(result.headers) }));
    expect(actor).toMatchObject({ email: world.emails.staffA, roles: [{ role: "HOSPITAL_STAFF" }] });
  });

  it("answers a wrong password and an unknown e-mail alike, without saying which", async () => {
    const db = testDb();
    await expect(
      signInFromForm(db, { email: world.emails.staffA, password: "not the password" }, request()),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(
      signInFromForm(db, { email: "nobody@test.example", password: PASSWORD }, request()),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(
      signInFromForm(db, { email: "not-an-email", password: "" }, request()),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { email: "invalid", password: "required" },
    });
  });

  it("refuses a sixth wrong password for one account from one address, and only from that address", async () => {
    const db = testDb();
    const { email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    const here = { address: "192.0.2.61", headers: new Headers() };
    // Concurrent attempts cannot overtake the counter: exactly `max` passwords are checked.
    const attempts = await Promise.allSettled(
      Array.from({ length: SIGN_IN_LIMITS.perAccountAndAddress.max + 3 }, () =>
        signInFromForm(db, { email, password: "wrong password!" }, here, { wait: noWait }),
      ),
    );
    const codes = attempts.map((a) => (a.status === "rejected" ? (a.reason as { code: string }).code : "ok"));
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(
      SIGN_IN_LIMITS.perAccountAndAddress.max,
    );
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(3);
    // That address waits out the window, even with the right password ...
    await expect(
      signInFromForm(db, { email, password: PASSWORD }, here, { wait: noWait }),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: expect.any(Number),
    });
    // ... the owner elsewhere does not.
    await expect(
      signInFromForm(db, { email, password: PASSWORD }, request(), { wait: noWait }),
    ).resolves.toMatchObject({
      userId: expect.any(String),
    });
  });

  it("never locks the owner out: 10 wrong passwords from 10 addresses only slow the account down", async () => {
    const db = testDb();
    const { id, email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    const waits: number[] = [];
    const wait = async (ms: number) => void waits.push(ms);
    for (const last of [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
      await expect(
        signInFromForm(
          db,
          { email, password: "a guess!" },
          { address: `203.0.113.${last}`, headers: new Headers() },
          { wait },
        ),
      ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    }
    // Five failures of the account cost nothing; each further one adds a second to the next attempt.
    expect(waits).toEqual([1000, 2000, 3000, 4000]);
    const owner = { address: "203.0.113.21", headers: new Headers() };
    await expect(signInFromForm(db, { email, password: PASSWORD }, owner, { wait })).resolves.toMatchObject({
      userId: id,
    });
    // Slowed down (5 s), not locked.
    expect(waits.at(-1)).toBe(5000);
    expect(signInDelayMs(10)).toBe(5000);
    expect(signInDelayMs(1000)).toBe(SIGN_IN_DELAY.maxMs);
  });

  it("never counts a success: 25 colleagues behind one address all sign in", async () => {
    const db = testDb();
    const hospital = { address: "198.18.0.1", headers: new Headers() };
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.max + 5; i++)
      await expect(
        signInFromForm(db, { email: world.emails.staffA, password: PASSWORD }, hospital),
      ).resolves.toMatchObject({ userId: expect.any(String) });
    // A typo or two among them costs nothing either.
    await expect(
      signInFromForm(db, { email: world.emails.staffA, password: "typo" }, hospital),
    ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    await expect(
      signInFromForm(db, { email: world.emails.staffA, password: PASSWORD }, hospital),
    ).resolves.toBeTruthy();
  });

  it("limits one address's wrong passwords across accounts, known or not, with the same answers", async () => {
    const db = testDb();
    const sprayer = { address: "2001:db8:5:5::1", headers: new Headers() };
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.max; i++)
      await expect(
        signInFromForm(db, { email: `guess-${i}@test.example`, password: "Winter2026!" }, sprayer),
      ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    // The same /64 is the same address; known and unknown accounts get the same refusal.
    const sameNetwork = { address: "2001:db8:5:5::99", headers: new Headers() };
    for (const email of [world.emails.managerA, "nobody-else@test.example"])
      await expect(signInFromForm(db, { email, password: PASSWORD }, sameNetwork)).rejects.toMatchObject({
        code: "RATE_LIMITED",
      });
    await expect(
      signInFromForm(db, { email: world.emails.managerA, password: PASSWORD }, request()),
    ).resolves.toBeTruthy();
  });

  it("gives a disabled account no session", async () => {
    const db = testDb();
    const { id, email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    await db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    await expect(signInFromForm(db, { email, password: PASSWORD }, request())).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
  });

  it("signs out everywhere: every session of the account ends, and it is audited", async () => {
    const db = testDb();
    const first = await signInFromForm(db, { email: world.emails.managerB, password: PASSWORD }, request());
    await signInFromForm(db, { email: world.emails.managerB, password: PASSWORD }, request());
    const actor = (await actorFromHeaders(db, new Headers({ cookie: cookieHeader(first.headers) })))!;
    expect(await signOutEverywhere(db, actor)).toBeGreaterThanOrEqual(2);
    expect(await actorFromHeaders(db, new Headers({ cookie: cookieHeader(first.headers) }))).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.sign_out_everywhere", actorId: actor.userId },
    });
    expect(audit.actorRole).toBe("HOSPITAL_MANAGER");
  });
});

describe("invitations and password resets", () => {
  it("a manager invites a colleague, who sets a password from the e-mailed link (once) and signs in", async () => {
    const db = testDb();
    const email = `invitee-${Date.now()}@test.example`;
    const { userId } = await inviteStaff(db, world.actors.managerA, {
      email,
      name: "Wang Fang",
      role: "HOSPITAL_STAFF",
      language: "zh",
    });
    const outbox = await db.outboxMessage.findFirstOrThrow({
      where: { toEmail: email, template: "staff-invitation" },
    });
    const mail = await renderEmail(db, outbox);
    expect(mail.subject).toContain("国际患者服务平台");
    const token = authTokenFor((outbox.payload as { tokenId: string }).tokenId);
    expect(mail.text).toContain(`/zh/staff/set-password?token=${token}`);
    // The outbox row and the token table hold no usable secret.
    expect(JSON.stringify(outbox.payload)).not.toContain(token);

    await expect(
      setPasswordFromForm(db, { token, password: "short", confirmPassword: "short" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { password: "tooShort" } });
    await expect(
      setPasswordFromForm(db, {
        token,
        password: "a long enough password",
        confirmPassword: "another one here",
      }),
    ).rejects.toMatchObject({ fields: { confirmPassword: "mismatch" } });
    await setPasswordFromForm(db, {
      token,
      password: "a long enough password",
      confirmPassword: "a long enough password",
    });
    await expect(
      setPasswordFromForm(db, {
        token,
        password: "a long enough password",
        confirmPassword: "a long enough password",
      }),
    ).rejects.toMatchObject({ code: "LINK_INVALID" });
    const session = await signInFromForm(db, { email, password: "a long enough password" }, request());
    expect(session.userId).toBe(userId);
    const audit = await db.auditEvent.findMany({
      where: { entityId: userId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["user.invite", "user.accept_invitation"]);
  });

  it("only a manager can invite, and only to their own institution; an e-mail in use is refused", async () => {
    const db = testDb();
    const input = {
      email: `x-${Date.now()}@test.example`,
      name: "X",
      role: "HOSPITAL_STAFF" as const,
      language: "en" as const,
    };
    await expect(inviteStaff(db, world.actors.staffA, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteStaff(db, world.actors.cityAdmin, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteStaff(db, null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(
      inviteStaff(db, world.actors.managerB, { ...input, email: world.emails.staffA! }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { email: "taken" } });
    const { userId } = await inviteStaff(db, world.actors.managerB, input);
    const grant = await db.roleAssignment.findFirstOrThrow({ where: { userId } });
    expect(grant.institutionId).toBe(world.b.institutionId);
  });

  it("a reset e-mails a one-hour link for a known address only, and ends every session when used", async () => {
    const db = testDb();
    const { id, email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    await signInFromForm(db, { email, password: PASSWORD }, request());
    await requestPasswordResetFromForm(db, { email: "unknown@test.example" }, { address: "192.0.2.200" });
    expect(await db.outboxMessage.count({ where: { toEmail: "unknown@test.example" } })).toBe(0);
    await requestPasswordResetFromForm(db, { email: email.toUpperCase() }, { address: "192.0.2.200" });
    const outbox = await db.outboxMessage.findFirstOrThrow({
      where: { toEmail: email, template: "password-reset" },
    });
    const token = authTokenFor((outbox.payload as { tokenId: string }).tokenId);
    const row = await db.authToken.findFirstOrThrow({ where: { userId: id, purpose: "PASSWORD_RESET" } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(3_600_000 + 1_000);
    await setPasswordFromForm(db, {
      token,
      password: "my new long password",
      confirmPassword: "my new long password",
    });
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
    await expect(signInFromForm(db, { email, password: PASSWORD }, request())).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(
      signInFromForm(db, { email, password: "my new long password" }, request()),
    ).resolves.toMatchObject({
      userId: id,
    });
  });
});
