// What goes over the wire: anti-CSRF refusals, the security headers on
// every HTML answer, error pages in the layout, and the assets' caching.
import { test, expect } from "@playwright/test";
import { PASSWORD, STUDENT, logIn, checkPage } from "./fixtures.mjs";

function expectPageHeaders(response) {
  const h = response.headers();
  expect(h["content-type"]).toBe("text/html; charset=utf-8");
  const csp = h["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
}

test("a POST without a valid anti-CSRF token is refused with 403 and changes nothing", async ({ page, request, playwright }) => {
  // No token at all (a fresh client, no cookie).
  const bare = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  let r = await bare.post("/login", { form: { username: STUDENT, password: PASSWORD } });
  expect(r.status()).toBe(403);
  expectPageHeaders(r);
  expect(await r.text()).not.toContain('"error"');
  expect(r.headers()["set-cookie"] ?? "").not.toContain("lectern_session=");

  // A cookie, but a field that does not match it (what another site can send).
  await bare.get("/login");
  r = await bare.post("/login", { form: { username: STUDENT, password: PASSWORD, csrf_token: "x".repeat(43) } });
  expect(r.status()).toBe(403);
  const name = `csrf_${Date.now()}`;
  r = await bare.post("/register", {
    form: { username: name, email: `${name}@example.com`, password: PASSWORD, display_name: "", role: "student", csrf_token: "" },
  });
  expect(r.status()).toBe(403);
  const login = await request.post("/api/auth/login", { data: { username: name, password: PASSWORD } });
  expect(login.status()).toBe(401);  // the account was not made
  await bare.dispose();

  // Signed in: logging out without the token does not log out.
  await logIn(page, STUDENT);
  await expect(page).toHaveURL(/\/dashboard$/);
  r = await page.request.post("/logout", { form: { csrf_token: "nope" } });
  expect(r.status()).toBe(403);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My learning");
  // The refusal is a page in the layout, with the banner of the signed-in reader.
  await page.setContent(await r.text());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
});

test("every HTML answer carries the security headers; error pages are pages", async ({ page, request }) => {
  for (const path of ["/", "/login", "/register", "/courses/jazz-improvisation"]) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(200);
    expectPageHeaders(r);
  }
  const missing = await page.goto("/no/such/page");
  expect(missing.status()).toBe(404);
  expectPageHeaders(missing);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("banner").getByRole("link", { name: "Courses" })).toBeVisible();

  // A draft that is not theirs is not there, for visitors and students alike.
  let r = await request.get("/courses/secret-draft");
  expect(r.status()).toBe(404);
  expectPageHeaders(r);
  expect(await r.text()).not.toContain("Secret draft");

  r = await request.get("/?page=abc");
  expect(r.status()).toBe(400);
  expectPageHeaders(r);
  r = await request.get("/?search=%FF");
  expect(r.status()).toBe(400);
  r = await request.post("/courses/jazz-improvisation/enrol", { form: {} });
  expect(r.status()).toBe(403);
  expectPageHeaders(r);
  r = await request.delete("/login");
  expect(r.status()).toBe(405);

  // Under /api/ the API keeps its JSON answers.
  r = await request.get("/api/no-such-endpoint");
  expect(r.status()).toBe(404);
  expect(r.headers()["content-type"]).toContain("application/json");
});

test("assets: content-hashed, immutable, gzipped when accepted, nothing from other hosts", async ({ page, request }) => {
  const hosts = new Set();
  page.on("request", (req) => hosts.add(new URL(req.url()).host));
  await page.goto("/");
  const origin = new URL(page.url()).host;
  expect([...hosts]).toEqual([origin]);
  const css = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  const js = await page.locator("script[src]").getAttribute("src");
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  for (const url of [css, js, icon]) {
    expect(url).toMatch(/^\/static\/[a-z]+\.[0-9a-f]{12}\.(css|js|svg)$/);
    const zipped = await request.get(url, { headers: { "Accept-Encoding": "gzip" } });
    expect(zipped.status()).toBe(200);
    expect(zipped.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(zipped.headers()["content-encoding"]).toBe("gzip");
    const plain = await request.get(url, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect((await zipped.body()).length).toBe((await plain.body()).length);  // decoded by the client
  }
  const stale = await request.get(css.replace(/\.[0-9a-f]{12}\./, ".000000000000."));
  expect(stale.status()).toBe(404);
});

test("error pages pass axe-core, light and dark, and fit 375 px", async ({ page }) => {
  await checkPage(page, "/no/such/page");
});

test("pages are gzipped for clients that accept it, and each carries the anti-CSRF token masked afresh", async ({ request }) => {
  const { request: get } = await import("node:http");
  const { gunzipSync } = await import("node:zlib");
  const raw = (path, headers) =>
    new Promise((resolve, reject) => {
      get(new URL(path, test.info().project.use.baseURL), { headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject).end();
    });
  const zipped = await raw("/", { "accept-encoding": "gzip" });
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  expect(zipped.headers["vary"]).toContain("Accept-Encoding");
  const html = gunzipSync(zipped.body).toString();
  expect(html).toContain("<h1");
  expect(zipped.body.length).toBeLessThan(html.length / 3);
  const plain = await raw("/", {});
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.toString()).toMatch(/^<!DOCTYPE html>/i);

  // One cookie, two pages: the forms' tokens differ (masked), the cookie does not change.
  const token = async () => (await (await request.get("/login")).text()).match(/name="csrf_token" value="([^"]+)"/)[1];
  const first = await token();
  const second = await token();
  expect(first).not.toBe(second);
  const cookie = (await request.storageState()).cookies.find((c) => c.name === "lectern_csrf").value;
  expect(first).not.toContain(cookie);
  expect(first.length).toBe(2 * cookie.length);
});
