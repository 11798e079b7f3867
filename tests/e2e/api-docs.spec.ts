// The API's reference page: Swagger UI renders this server's own OpenAPI
// document under the portal's Content-Security-Policy, with every file from
// the portal itself (no request to another host).
import { expect, test } from "@playwright/test";

test("a hospital's IT team reads the API reference at /api/docs", async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  const violations: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin !== new URL(baseURL!).origin && url.protocol !== "data:") elsewhere.push(r.url());
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/api/docs");
  expect(res?.status()).toBe(200);
  expect(res?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  // The page's own heading, exactly: Swagger UI's title ("… API 1.0.0 OAS 3.1") contains the same
  // words, and when it renders first a looser name matches both (strict mode fails the test).
  await expect(
    page.getByRole("heading", { level: 1, name: "International Patient Portal API", exact: true }),
  ).toBeVisible();
  // Swagger UI has read the document: its title with the document's version, the tags and an operation.
  await expect(
    page.getByRole("heading", { level: 1, name: /^International Patient Portal API \d/ }),
  ).toBeVisible();
  const operation = page.locator("#operations-Catalogue-listHospitals");
  await expect(operation).toBeVisible();
  await operation.getByRole("button").first().click();
  await expect(operation.getByText("Parameters", { exact: true })).toBeVisible();
  expect(violations).toEqual([]);
  expect(elsewhere).toEqual([]);
});

test("the reference's files are served; another name is the API's 404", async ({ request }) => {
  const css = await request.get("/api/docs/swagger-ui.css");
  expect(css.status()).toBe(200);
  expect(css.headers()["content-type"]).toContain("text/css");
  const missing = await request.get("/api/docs/package.json");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("NOT_FOUND");
});
