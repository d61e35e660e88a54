// The people and data global-setup.mjs creates, and helpers the specs share.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const PASSWORD = "browser-password-2026";
export const ADMIN = "web_admin";
export const INSTRUCTOR = "web_teacher";
export const STUDENT = "web_student";
export const COURSE_COUNT = 25;
// Per username in 5 minutes (the server is started with it).
export const LOGIN_ATTEMPTS_PER_USER = 6;

// Logs in through the form, as a person does.
// A call of the JSON API through Playwright's request context (the page's
// base URL): the parsed body, or null for an empty one; fails the test on
// an error status.
export async function api(request, method, path, body, token) {
  const response = await request.fetch(path, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    data: body,
  });
  const text = await response.text();
  expect(response.ok(), `${method} ${path}: ${response.status()} ${text}`).toBe(true);
  return text ? JSON.parse(text) : null;
}

export async function logIn(page, username, password = PASSWORD) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

// No axe-core violation, in the light and the dark theme (the pages follow
// the system's preference by default), and no horizontal scrolling at 375 px.
export async function checkPage(page, path) {
  await checkState(page, path, () => page.goto(path));
}

// The same for a page that no GET shows, such as a form sent back with its
// errors: `reach` brings the page into that state again for each look.
export async function checkState(page, name, reach) {
  for (const colorScheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme });
    await reach();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${colorScheme} ${name}: ${v.id} ${v.help}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 375, height: 800 });
  await reach();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 375 px`).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

// The banner a signed-out visitor sees.
export async function expectSignedOut(page) {
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Courses", exact: true })).toHaveAttribute("href", "/");
  await expect(banner.getByRole("link", { name: "Log in", exact: true })).toBeVisible();
  await expect(banner.getByRole("link", { name: "Sign up", exact: true })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Log out" })).toHaveCount(0);
}

// Clicks a form's button and returns the answer to its POST to `path`.
export async function submit(page, buttonName, path) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === "POST"),
    page.getByRole("button", { name: buttonName }).click(),
  ]);
  return response;
}
