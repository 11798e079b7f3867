// Sign-in (better-auth sessions in Postgres), rate limits, sign-out
// everywhere, invitations and password resets, on the real database.
import { beforeAll, describe, expect, it } from "vitest";
import { actorFromHeaders } from "../../lib/auth/actor";
import { requestPasswordReset } from "../../lib/auth/request-password-reset";
import { setPasswordFromLink } from "../../lib/auth/set-password";
import { signIn, SIGN_IN_LIMITS } from "../../lib/auth/sign-in";
import { signOutEverywhere } from "../../lib/auth/sign-out";
import { authTokenFor } from "../../lib/crypto/secrets";
import { inviteStaff } from "../../lib/staff/invite-staff";
import { renderEmail } from "../../lib/notify/render-email";
import { testDb } from "../helpers/db";
import { createUser, createWorld, PASSWORD, type World } from "../helpers/staff-fixtures";

let world: World;
let address = 0;
const request = () => ({ address: `198.51.100.${++address}`, headers: new Headers() });
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
    const result = await signIn(db, { email: world.emails.staffA, password: PASSWORD }, request());
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
      signIn(db, { email: world.emails.staffA, password: "not the password" }, request()),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(
      signIn(db, { email: "nobody@test.example", password: PASSWORD }, request()),
    ).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(signIn(db, { email: "not-an-email", password: "" }, request())).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { email: "invalid", password: "required" },
    });
  });

  it("limits attempts per account (across addresses) and per address (across accounts)", async () => {
    const db = testDb();
    const { email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    const attempts = await Promise.allSettled(
      Array.from({ length: SIGN_IN_LIMITS.perAccount.max + 3 }, () =>
        signIn(db, { email, password: "wrong password!" }, request()),
      ),
    );
    const codes = attempts.map((a) => (a.status === "rejected" ? (a.reason as { code: string }).code : "ok"));
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS")).toHaveLength(SIGN_IN_LIMITS.perAccount.max);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(3);
    // Even the right password waits for the window now.
    await expect(signIn(db, { email, password: PASSWORD }, request())).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });

    const one = { address: "203.0.113.99", headers: new Headers() };
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.max; i++)
      await signIn(db, { email: `guess-${i}@test.example`, password: "x" }, one).catch(() => undefined);
    await expect(signIn(db, { email: world.emails.managerA, password: PASSWORD }, one)).rejects.toMatchObject(
      {
        code: "RATE_LIMITED",
      },
    );
  });

  it("gives a disabled account no session", async () => {
    const db = testDb();
    const { id, email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    await db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    await expect(signIn(db, { email, password: PASSWORD }, request())).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
  });

  it("signs out everywhere: every session of the account ends, and it is audited", async () => {
    const db = testDb();
    const first = await signIn(db, { email: world.emails.managerB, password: PASSWORD }, request());
    await signIn(db, { email: world.emails.managerB, password: PASSWORD }, request());
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
      setPasswordFromLink(db, { token, password: "short", confirmPassword: "short" }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { password: "tooShort" } });
    await expect(
      setPasswordFromLink(db, {
        token,
        password: "a long enough password",
        confirmPassword: "another one here",
      }),
    ).rejects.toMatchObject({ fields: { confirmPassword: "mismatch" } });
    await setPasswordFromLink(db, {
      token,
      password: "a long enough password",
      confirmPassword: "a long enough password",
    });
    await expect(
      setPasswordFromLink(db, {
        token,
        password: "a long enough password",
        confirmPassword: "a long enough password",
      }),
    ).rejects.toMatchObject({ code: "LINK_INVALID" });
    const session = await signIn(db, { email, password: "a long enough password" }, request());
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
      role: "HOSPITAL_STAFF",
      language: "en",
    };
    await expect(inviteStaff(db, world.actors.staffA, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteStaff(db, world.actors.cityAdmin, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(inviteStaff(db, null, input)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(
      inviteStaff(db, world.actors.managerB, { ...input, email: world.emails.staffA }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { email: "taken" } });
    const { userId } = await inviteStaff(db, world.actors.managerB, input);
    const grant = await db.roleAssignment.findFirstOrThrow({ where: { userId } });
    expect(grant.institutionId).toBe(world.b.institutionId);
  });

  it("a reset e-mails a one-hour link for a known address only, and ends every session when used", async () => {
    const db = testDb();
    const { id, email } = await createUser(db, "HOSPITAL_STAFF", { institutionId: world.a.institutionId });
    await signIn(db, { email, password: PASSWORD }, request());
    await requestPasswordReset(db, { email: "unknown@test.example" }, { address: "192.0.2.200" });
    expect(await db.outboxMessage.count({ where: { toEmail: "unknown@test.example" } })).toBe(0);
    await requestPasswordReset(db, { email: email.toUpperCase() }, { address: "192.0.2.200" });
    const outbox = await db.outboxMessage.findFirstOrThrow({
      where: { toEmail: email, template: "password-reset" },
    });
    const token = authTokenFor((outbox.payload as { tokenId: string }).tokenId);
    const row = await db.authToken.findFirstOrThrow({ where: { userId: id, purpose: "PASSWORD_RESET" } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(3_600_000 + 1_000);
    await setPasswordFromLink(db, {
      token,
      password: "my new long password",
      confirmPassword: "my new long password",
    });
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
    await expect(signIn(db, { email, password: PASSWORD }, request())).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    await expect(signIn(db, { email, password: "my new long password" }, request())).resolves.toMatchObject({
      userId: id,
    });
  });
});
