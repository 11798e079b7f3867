// Issue 18, part 3 end to end: a hospital manager registers the hospital's own
// system as an integration client, copies its secret (shown once: a reload
// does not show it again), the system gets a token with it and reads the
// hospital's bookings through FHIR; the manager revokes the client, and the
// same token is refused with 401 at once, as are the credentials.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { fitsPhone, noSeriousAxe } from "./support/page-checks";
import ar from "../../messages/ar.json" with { type: "json" };
import en from "../../messages/en.json" with { type: "json" };

const PASSWORD = "portal-demo-2026";
const MANAGER = "manager.pumch@demo.example";

const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;

const askToken = (request: APIRequestContext, clientId: string, secret: string) =>
  request.post("/fhir/r4/auth/token", {
    form: { grant_type: "client_credentials" },
    headers: { authorization: basic(clientId, secret) },
  });

const changedAppointments = (request: APIRequestContext, token: string) =>
  request.get("/fhir/r4/Appointment?_lastUpdated=gt2020-01-01T00:00:00Z", {
    headers: { authorization: `Bearer ${token}`, accept: "application/fhir+json" },
  });

for (const { locale, t } of [
  { locale: "en", t: en },
  { locale: "ar", t: ar },
] as const) {
  test(`${locale}: a manager creates an integration client, copies its secret once, and revoking it ends its token`, async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    const ti = t.Staff.integrations;
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();

    await page.goto(`/${locale}/staff/sign-in`);
    await page.locator("#email").fill(MANAGER);
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: t.Staff.signIn.submit, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff$`));
    await page.getByRole("link", { name: t.Staff.nav.integrations, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/staff/integrations$`));
    await expect(page.getByRole("heading", { level: 1, name: ti.title })).toBeVisible();

    // 1. Create: a name and what the system may do; the secret is shown with its warning.
    const name = `HIS ${locale} ${Date.now()}`;
    await page.getByLabel(ti.name, { exact: true }).fill(name);
    await page.getByLabel(ti.scope.appointmentsRead, { exact: true }).check();
    await page.getByRole("button", { name: ti.createSubmit, exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: t.Staff.done.integrationCreated })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: ti.secretWarning })).toBeVisible();
    const secret = (await page.getByTestId("client-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^ipps_[A-Za-z0-9_-]{43}$/);
    const card = page.getByRole("article", { name });
    await expect(card).toBeVisible();
    await expect(card).toContainText(ti.states.active);
    await expect(card).toContainText(ti.scope.appointmentsRead);
    const clientId = (await card.locator("code").first().textContent())?.trim() ?? "";
    expect(clientId).toMatch(/^ipp_/);

    // 2. Copy it: the clipboard holds exactly the secret.
    await page.getByRole("button", { name: `${ti.copy} ${ti.clientSecret}` }).click();
    await expect(page.getByRole("status").filter({ hasText: ti.copied })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await noSeriousAxe(page);
    await fitsPhone(page);

    // 3. Shown once: after a reload the client is listed, its secret is nowhere on the page.
    await page.reload();
    await expect(card).toBeVisible();
    await expect(page.getByTestId("client-secret")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // 4. The hospital's system gets a token with the copied secret and reads its bookings.
    const issued = await askToken(request, clientId, secret);
    expect(issued.status()).toBe(200);
    const body = (await issued.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    const before = await changedAppointments(request, body.access_token);
    expect(before.status()).toBe(200);
    expect(((await before.json()) as { resourceType: string }).resourceType).toBe("Bundle");

    // 5. Revoke, after a confirmation.
    await card.locator("summary", { hasText: ti.revoke }).click();
    await expect(card.getByText(ti.revokeConfirm)).toBeVisible();
    await card.getByRole("button", { name: ti.revokeSubmit, exact: true }).click();
    await expect(card).toContainText(ti.states.revoked);
    await expect(card.locator("summary")).toHaveCount(0);
    await noSeriousAxe(page);

    // 6. The token it still holds is refused at once, and so are its credentials.
    const after = await changedAppointments(request, body.access_token);
    expect(after.status()).toBe(401);
    expect(after.headers()["www-authenticate"]).toMatch(/^Bearer/);
    const refused = await askToken(request, clientId, secret);
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client" });
    await context.close();
  });
}
