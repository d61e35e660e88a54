// Signing up, logging in and out, and what the session cookie is.
import { test, expect } from "@playwright/test";
import { PASSWORD, STUDENT, INSTRUCTOR, LOGIN_ATTEMPTS_PER_USER, logIn, checkPage, checkState, expectSignedOut, submit } from "./fixtures.mjs";

test("sign up as a teacher signs in and goes to My learning", async ({ page }) => {
  const name = `teach_${Date.now()}`;
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign up");
  await page.getByRole("textbox", { name: "Username" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(`${name}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("textbox", { name: "Display name" }).fill("New Teacher");
  const role = page.getByRole("group", { name: "I want to" });
  await expect(role.getByRole("radio", { name: "Learn" })).toBeChecked();
  await role.getByRole("radio", { name: "Teach" }).check();
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "My learning" })).toHaveAttribute("href", "/dashboard");
  await expect(banner.getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications");
  await expect(banner.getByRole("link", { name: "Settings" })).toBeVisible();
  await expect(banner.getByRole("link", { name: "Teach" })).toHaveAttribute("href", "/teach");
  await expect(banner.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(banner.getByRole("button", { name: "Log out" })).toBeVisible();
});

test("a broken sign-up shows each rule beside its field and keeps the values (422)", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Username" }).fill(STUDENT);  // taken
  await page.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  const response = await submit(page, "Sign up", "/register");
  expect(response.status()).toBe(422);
  expect(response.headers()["content-type"]).toContain("text/html");
  const email = page.getByRole("textbox", { name: "Email" });
  await expect(email).toHaveValue("not-an-email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const described = await email.getAttribute("aria-describedby");
  await expect(page.locator(`#${described}`)).not.toBeEmpty();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-describedby", "password-error");
  await expect(page.getByLabel("Password")).toHaveValue("");  // never sent back

  // All rules kept, the taken name is refused too.
  await page.getByRole("textbox", { name: "Email" }).fill(`fresh_${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  const again = await submit(page, "Sign up", "/register");
  expect(again.status()).toBe(422);
  await expect(page.getByRole("textbox", { name: "Username" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Username" })).toHaveValue(STUDENT);
});

test("log in and out; the cookie's flags; signed-in pages are not stored", async ({ page, context, request }) => {
  await logIn(page, STUDENT);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My learning");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "lectern_session");
  expect(session).toBeTruthy();
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
  expect(session.path).toBe("/");
  expect(session.secure).toBe(false);  // plain HTTP here; --behind-https sets Secure
  expect(session.expires).toBeGreaterThan(Date.now() / 1000 + 13 * 24 * 3600);  // like a token: 14 days
  const csrf = cookies.find((c) => c.name === "lectern_csrf");
  expect(csrf.httpOnly).toBe(true);
  expect(csrf.sameSite).toBe("Lax");

  const signedIn = await page.request.get("/dashboard");
  expect(signedIn.headers()["cache-control"]).toBe("no-store");
  // The session is an API token, stored only as its hash: it works as one.
  const me = await request.get("/api/me", { headers: { Authorization: `Bearer ${session.value}` } });
  expect(me.status()).toBe(200);

  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectSignedOut(page);
  // Revoked at once.
  const after = await request.get("/api/me", { headers: { Authorization: `Bearer ${session.value}` } });
  expect(after.status()).toBe(401);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("wrong passwords say so with 401; next= goes only to this site", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username" }).fill(INSTRUCTOR);
  await page.getByLabel("Password").fill("not-the-password");
  const response = await submit(page, "Log in", "/login");
  expect(response.status()).toBe(401);
  await expect(page.getByRole("main")).toContainText("Wrong username or password");
  await expect(page.getByRole("textbox", { name: "Username" })).toHaveValue(INSTRUCTOR);

  await page.goto("/login?next=" + encodeURIComponent("//evil.example/steal"));
  await page.getByRole("textbox", { name: "Username" }).fill(INSTRUCTOR);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();

  await page.goto("/login?next=" + encodeURIComponent("/courses/jazz-improvisation?page=1"));
  await page.getByRole("textbox", { name: "Username" }).fill(INSTRUCTOR);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/courses\/jazz-improvisation\?page=1$/);
});

test("the login form is rate-limited as the API's login, on the same allowance", async ({ page, request }) => {
  const target = `nobody_${Date.now()}`;
  for (let i = 0; i < LOGIN_ATTEMPTS_PER_USER - 1; ++i) {
    const r = await request.post("/api/auth/login", { data: { username: target, password: "wrong-password" } });
    expect(r.status()).toBe(401);
  }
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username" }).fill(target);
  await page.getByLabel("Password").fill("wrong-password");
  let response = await submit(page, "Log in", "/login");
  expect(response.status()).toBe(401);  // the last one allowed
  await page.getByLabel("Password").fill("wrong-password");
  response = await submit(page, "Log in", "/login");
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByRole("main")).toContainText("Too many login attempts");
  const api = await request.post("/api/auth/login", { data: { username: target, password: "wrong-password" } });
  expect(api.status()).toBe(429);
});

test("login, sign-up and My learning pass axe-core, light and dark, and fit 375 px", async ({ page }) => {
  await checkPage(page, "/login");
  await checkPage(page, "/register");
  await checkState(page, "/register with its errors", async () => {
    await page.goto("/register");
    await page.getByRole("textbox", { name: "Email" }).fill("not-an-email");
    expect((await submit(page, "Sign up", "/register")).status()).toBe(422);
  });
  // A name nobody has: the failures do not use up a real user's logins.
  await checkState(page, "/login refused", async () => {
    await page.goto("/login");
    await page.getByRole("textbox", { name: "Username" }).fill(`nobody_${Date.now()}`);
    await page.getByLabel("Password").fill("not-the-password");
    expect((await submit(page, "Log in", "/login")).status()).toBe(401);
  });
  await logIn(page, STUDENT);
  await expect(page).toHaveURL(/\/dashboard$/);
  await checkPage(page, "/dashboard");
  await checkPage(page, "/courses/jazz-improvisation");
});
