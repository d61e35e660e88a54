// A student's own pages: notes (grouped by course, searched through the
// query string), bookmarks (removed with a form), notifications (20 a page,
// marked read one by one or all at once, the banner's unread count
// following) and settings (the time zone and theme then visible on every
// page). The student is new to this file, filled through the API.
import { test, expect } from "@playwright/test";
import { PASSWORD, INSTRUCTOR, logIn, checkPage, checkState } from "./fixtures.mjs";

const ME = `me_${Date.now()}`;
const ANNOUNCEMENTS = 22;  // two pages of notifications
let jazz, other, lessonId;

async function call(request, method, path, body, token) {
  const response = await request.fetch(path, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    data: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function tokenOf(request, username) {
  return (await call(request, "POST", "/api/auth/login", { username, password: PASSWORD })).token;
}

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: process.env.LECTERN_WEB_BASE_URL });
  await call(request, "POST", "/api/auth/register", {
    username: ME, email: `${ME}@example.com`, password: PASSWORD, display_name: "Mia Me",
  });
  const me = await tokenOf(request, ME);
  const courses = (await call(request, "GET", "/api/courses?search=Course%20number%202&page_size=100")).results;
  jazz = (await call(request, "GET", "/api/courses?search=Jazz")).results[0];
  other = courses.find((c) => c.title === "Course number 2");
  const outline = await call(request, "GET", `/api/courses/${jazz.id}/outline`);
  lessonId = outline.modules[0].lessons[0].id;
  for (const course of [jazz, other]) await call(request, "POST", `/api/courses/${course.id}/enroll`, null, me);
  await call(request, "POST", "/api/notes", { course_id: jazz.id, lesson_id: lessonId, content: "Practise the dorian mode" }, me);
  await call(request, "POST", "/api/notes", { course_id: jazz.id, content: "Listen to Miles" }, me);
  await call(request, "POST", "/api/notes", { course_id: other.id, content: "Read chapter two" }, me);
  await call(request, "POST", "/api/bookmarks", { course_id: jazz.id, lesson_id: lessonId }, me);
  await call(request, "POST", "/api/bookmarks", { course_id: other.id, label: "Later" }, me);
  // Every enrolled student hears of these; this file's student reads them.
  const teacher = await tokenOf(request, INSTRUCTOR);
  for (let n = 1; n <= ANNOUNCEMENTS; ++n) {
    await call(request, "POST", `/api/courses/${other.id}/announcements`, { title: `News ${n}`, body: `Message ${n}.` }, teacher);
  }
  await request.dispose();
});

test("my notes are grouped by course, newest first, and searched in the URL", async ({ page }) => {
  await logIn(page, ME);
  await page.goto("/notes");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("My notes");
  await expect(main.getByRole("heading", { level: 2 })).toHaveText(["Course number 2", "Jazz Improvisation"]);
  await expect(main.getByRole("listitem")).toHaveCount(3);
  await expect(main.getByRole("link", { name: "Welcome" })).toHaveAttribute("href", `/lessons/${lessonId}`);

  await page.getByRole("searchbox", { name: "Search notes" }).fill("DORIAN");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/notes\?search=DORIAN$/);
  await expect(main.getByRole("listitem")).toHaveCount(1);
  await expect(main.getByRole("listitem")).toContainText("Practise the dorian mode");
  await expect(page.getByRole("searchbox", { name: "Search notes" })).toHaveValue("DORIAN");
  await checkPage(page, "/notes");
  await checkPage(page, "/notes?search=nothing-like-this");
});

test("bookmarks link to their lesson or course and are removed with a button", async ({ page }) => {
  await logIn(page, ME);
  await page.goto("/bookmarks");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Bookmarks");
  await expect(main.getByRole("link", { name: "Welcome" })).toHaveAttribute("href", `/lessons/${lessonId}`);
  await expect(main.getByRole("link", { name: "Course number 2" })).toHaveAttribute("href", `/courses/${other.slug}`);
  await checkPage(page, "/bookmarks");

  const item = main.getByRole("listitem").filter({ hasText: "Course number 2" });
  await item.getByRole("button", { name: "Remove bookmark" }).click();
  await expect(page).toHaveURL(/\/bookmarks$/);
  await expect(main.getByRole("link", { name: "Course number 2" })).toHaveCount(0);
  await expect(main.getByRole("button", { name: "Remove bookmark" })).toHaveCount(1);
});

test("notifications: 20 a page, marked read one by one and all at once; the banner counts", async ({ page }) => {
  await logIn(page, ME);
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: /^Notifications/ })).toHaveText(`Notifications (${ANNOUNCEMENTS} unread)`);
  await banner.getByRole("link", { name: /^Notifications/ }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  // The notifications, each with its heading (not the pagination's items).
  const items = main.getByRole("listitem").filter({ has: page.getByRole("heading") });
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText(`News ${ANNOUNCEMENTS}`);  // newest first
  await expect(items.first()).toContainText("Unread");
  await checkPage(page, "/notifications");
  await checkPage(page, "/notifications?page=2");
  await checkPage(page, "/dashboard");  // two courses, the newest notifications unread
  await page.goto("/notifications");

  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/notifications\?page=2$/);
  await expect(items).toHaveCount(ANNOUNCEMENTS - 20);
  await items.filter({ hasText: "News 1" }).first().getByRole("button", { name: "Mark as read" }).click();
  await expect(page).toHaveURL(/\/notifications\?page=2$/);  // back where it was
  await expect(banner.getByRole("link", { name: /^Notifications/ })).toHaveText(`Notifications (${ANNOUNCEMENTS - 1} unread)`);
  await expect(main.getByRole("button", { name: "Mark as read" })).toHaveCount(ANNOUNCEMENTS - 20 - 1);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(banner.getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications");
  await expect(main.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
  await expect(main.getByText("Unread", { exact: true })).toHaveCount(0);
});

test("settings are saved; the time zone and the theme show on the pages", async ({ page, request }) => {
  test.slow();  // the settings page checked with axe-core in three states
  await logIn(page, ME);
  await checkPage(page, "/settings");
  await checkState(page, "/settings saved", async () => {
    await page.goto("/settings");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Settings saved")).toBeVisible();
  });
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
  await expect(page.getByRole("combobox", { name: "Language" })).toHaveValue("en");
  const zone = page.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("UTC");
  await expect(zone.locator("option", { hasText: "Europe/Paris" })).toHaveCount(1);
  await zone.selectOption("Asia/Tokyo");
  await expect(page.getByRole("checkbox", { name: "Email notifications" })).toBeChecked();
  await page.getByRole("checkbox", { name: "Email notifications" }).uncheck();
  const theme = page.getByRole("group", { name: "Theme" });
  await expect(theme.getByRole("radio", { name: "System" })).toBeChecked();
  await expect(theme.getByRole("radio", { name: "Light" })).toBeVisible();
  await theme.getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();

  await expect(page.getByText("Settings saved")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Asia/Tokyo");
  await expect(page.getByRole("checkbox", { name: "Email notifications" })).not.toBeChecked();
  await expect(page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // Dark as chosen, while the system is light: what checkPage cannot see.
  await checkState(page, "/settings, dark chosen", () => page.goto("/settings"));
  // The API reads what the form saved: one service, two faces.
  const preferences = await call(request, "GET", "/api/me/preferences", null, await tokenOf(request, ME));
  expect(preferences).toMatchObject({ timezone: "Asia/Tokyo", theme: "dark", email_notifications: false, language: "en" });

  // On another page: dark, and the times are Tokyo's.
  await page.goto("/notifications");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const time = page.getByRole("main").locator("time").first();
  const iso = await time.getAttribute("datetime");
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Tokyo", hour: "numeric", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  // 24-hour or 12-hour clock, whichever the language's format uses.
  await expect(time).toHaveText(new RegExp(`\\b(${hour}|0?${hour % 12 || 12}):${parts.minute}\\b`));
  const backgrounds = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(backgrounds).toBe("rgb(17, 21, 29)");  // the dark theme's --bg

  // Light, chosen, wins over a dark system setting.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/settings");
  await page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Light" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
});

test("the pages of a newcomer with nothing yet pass axe-core, light and dark, and fit 375 px", async ({ page, request }) => {
  test.slow();  // four pages, each three times
  const newcomer = `new_${Date.now()}`;
  await call(request, "POST", "/api/auth/register", {
    username: newcomer, email: `${newcomer}@example.com`, password: PASSWORD, display_name: "Nell Newcomer",
  });
  await logIn(page, newcomer);
  const main = page.getByRole("main");
  for (const [path, empty] of [
    ["/dashboard", "You are not enrolled in any course yet."],
    ["/notes", "You have no notes yet"],
    ["/bookmarks", "You have no bookmarks yet"],
    ["/notifications", "No notifications."],
  ]) {
    await checkPage(page, path);
    await expect(main).toContainText(empty);
  }
  await expect(main.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
});
