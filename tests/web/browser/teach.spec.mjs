// The instructor pages under /teach: building a course with modules and
// lessons and publishing it, announcements reaching the students, the
// students table and its CSV, statistics, the profile; axe-core and 375 px
// on every page; another instructor's course answers as the API does (403
// published, 404 draft).
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { api, PASSWORD, checkPage, submit } from "./fixtures.mjs";

// This file's own instructor with a published course (one module of two
// lessons) and a draft, made through the API. Pages are opened with the
// instructor's token as the session cookie (a session is an API token):
// logging in through the form for every test would use up the per-user
// login allowance the server is started with.
let owner;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const stamp = `${Date.now()}_${Math.floor(Math.random() * 1000)}`;
  const username = `owner_${stamp}`;
  await api(request, "POST", "/api/auth/register", {
    username, email: `${username}@example.com`, password: PASSWORD, display_name: "Olive Owner", role: "instructor",
  });
  const { token } = await api(request, "POST", "/api/auth/login", { username, password: PASSWORD });
  const title = `Blues Guitar ${stamp}`;
  const course = await api(request, "POST", "/api/courses", { title, description: "Twelve bars." }, token);
  const module = await api(request, "POST", `/api/courses/${course.id}/modules`, { title: "Shuffles", position: 1 }, token);
  for (const [position, lesson] of ["First shuffle", "Turnarounds"].entries()) {
    await api(request, "POST", `/api/modules/${module.id}/lessons`,
      { title: lesson, content: "Play.", duration_minutes: 5, position: position + 1, is_free_preview: position === 0 }, token);
  }
  await api(request, "POST", `/api/courses/${course.id}/publish`, undefined, token);
  const draftTitle = `Unreleased ${stamp}`;
  await api(request, "POST", "/api/courses", { title: draftTitle }, token);
  owner = { token, title, slug: course.slug, draftTitle };
  await request.dispose();
});

// Signed in as the file's instructor.
async function asOwner(page) {
  await page.context().addCookies([{ name: "lectern_session", value: owner.token, url: test.info().project.use.baseURL }]);
}

// Signed out without revoking anything (the instructor's session is shared).
async function signOut(page) {
  await page.context().clearCookies();
}

async function logIn(page, username) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

// Signs a new user up through the form ("Learn" or "Teach") and stays signed in.
async function signUp(page, prefix, role = "Learn", displayName = "Pat Person") {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1000)}`;
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Username" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(`${name}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("textbox", { name: "Display name" }).fill(displayName);
  await page.getByRole("group", { name: "I want to" }).getByRole("radio", { name: role }).check();
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return name;
}

// The /teach/courses/{id} path of one of my courses, from the Teaching table.
async function teachPathOf(page, title) {
  await page.goto("/teach");
  const href = await page.getByRole("main").getByRole("link", { name: title, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/teach\/courses\/\d+$/);
  return href;
}

// A new course made through the form; returns its /teach/courses/{id} path.
async function newCourse(page, title, slug) {
  await page.goto("/teach/courses/new");
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("textbox", { name: "Slug" }).fill(slug);
  await page.getByRole("button", { name: "Save course" }).click();
  await expect(page).toHaveURL(/\/teach\/courses\/\d+$/);
  return new URL(page.url()).pathname;
}

test("an instructor builds a course with modules and lessons and publishes it", async ({ page }) => {
  await asOwner(page);
  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Teach" }).click();
  await expect(page).toHaveURL(/\/teach$/);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Teaching");
  await expect(main.getByRole("row").filter({ hasText: owner.title })).toContainText("Published");
  await expect(main.getByRole("row").filter({ hasText: owner.draftTitle })).toContainText("Draft");
  for (const column of ["Title", "Status", "Students", "Active", "Completions", "Average rating", "Average score"]) {
    await expect(main.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }

  // A refused form: 422, the errors beside their fields, the values kept.
  await main.getByRole("link", { name: "New course" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New course");
  await page.getByRole("textbox", { name: "Description" }).fill("Kept <b>as typed</b>.");
  const refused = await submit(page, "Save course", "/teach/courses/new");
  expect(refused.status()).toBe(422);
  const title = page.getByRole("textbox", { name: "Title" });
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await title.getAttribute("aria-describedby")}`)).not.toBeEmpty();
  await expect(page.getByRole("textbox", { name: "Description" })).toHaveValue("Kept <b>as typed</b>.");
  await expect(page.getByRole("alert")).toContainText("There is a problem");

  const slug = `pottery-${Date.now()}`;
  await title.fill("Pottery at home");
  await page.getByRole("textbox", { name: "Slug" }).fill(slug);
  await page.getByRole("combobox", { name: "Category" }).selectOption({ label: "No category" });
  await page.getByRole("combobox", { name: "Level" }).selectOption({ label: "Intermediate" });
  await page.getByRole("spinbutton", { name: "Price (cents)" }).fill("1500");
  await page.getByRole("button", { name: "Save course" }).click();
  await expect(page).toHaveURL(/\/teach\/courses\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pottery at home");
  await expect(page.getByRole("combobox", { name: "Level" })).toHaveValue("intermediate");
  await expect(page.getByRole("spinbutton", { name: "Price (cents)" })).toHaveValue("1500");
  const nav = page.getByRole("navigation", { name: "Course" });
  for (const link of ["Outline", "Assessments", "Students", "Announcements", "Statistics"]) {
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();
  }

  // The outline: two modules, the second moved up, lessons in the first.
  await nav.getByRole("link", { name: "Outline" }).click();
  await page.getByRole("textbox", { name: "Module title" }).fill("Clay");
  await page.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("textbox", { name: "Module title" }).fill("Glazes");
  await page.getByRole("button", { name: "Add module" }).click();
  const clay = page.getByRole("region", { name: "Clay" });
  const glazes = page.getByRole("region", { name: "Glazes" });
  await clay.getByRole("textbox", { name: "Lesson title" }).fill("Wedging");
  await clay.getByRole("button", { name: "Add lesson" }).click();
  await clay.getByRole("textbox", { name: "Lesson title" }).fill("Throwing");
  await clay.getByRole("button", { name: "Add lesson" }).click();
  await expect(clay.getByRole("listitem")).toHaveText([/^Wedging/, /^Throwing/]);
  await expect(glazes.getByRole("button", { name: "Move down" })).toHaveCount(0);
  await glazes.getByRole("button", { name: "Move up" }).click();
  await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveText(["Glazes", "Clay", "New module"]);
  // An empty lesson title is refused beside the field of its module.
  const [empty] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/lessons") && r.request().method() === "POST"),
    page.getByRole("region", { name: "Glazes" }).getByRole("button", { name: "Add lesson" }).click(),
  ]);
  expect(empty.status()).toBe(422);
  await expect(page.getByRole("region", { name: "Glazes" }).getByRole("textbox", { name: "Lesson title" }))
    .toHaveAttribute("aria-invalid", "true");

  // The lesson form: a preview without saving, then saving.
  await page.getByRole("region", { name: "Clay" }).getByRole("listitem").filter({ hasText: "Wedging" })
    .getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\/teach\/lessons\/\d+$/);
  await page.getByRole("textbox", { name: "Content" }).fill("Knead **firmly**.\n\n<script>x</script>");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator(".lesson-preview strong")).toHaveText("firmly");
  await expect(page.locator(".lesson-preview script")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Content" })).toHaveValue("Knead **firmly**.\n\n<script>x</script>");
  await page.getByRole("spinbutton", { name: "Duration (minutes)" }).fill("12");
  await page.getByRole("checkbox", { name: "Free preview" }).check();
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(page).toHaveURL(/\/outline$/);
  await expect(page.getByRole("region", { name: "Clay" })).toContainText("Wedging (12 min, free preview)");

  // Publishing: the button goes, the catalogue shows the course.
  await page.getByRole("navigation", { name: "Course" }).getByRole("link", { name: "Details" }).click();
  await page.getByRole("button", { name: "Publish course" }).click();
  await expect(page.getByRole("button", { name: "Publish course" })).toHaveCount(0);
  await page.goto(`/courses/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pottery at home");
  const outline = page.getByRole("main");
  await expect(outline.getByRole("heading", { level: 3 })).toHaveText(["Glazes", "Clay"]);
  await expect(outline.getByRole("link", { name: "Wedging" })).toBeVisible();
});

test("deleting asks first: a dialog with JavaScript, a page without", async ({ page, browser }) => {
  await asOwner(page);
  const stamp = Date.now();
  const first = await newCourse(page, `Doomed ${stamp}`, `doomed-${stamp}`);
  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("button", { name: "Delete course" }).click();
  await expect(page).toHaveURL(new RegExp(`${first}$`));
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete course" }).click();
  await expect(page).toHaveURL(/\/teach$/);
  await expect(page.getByRole("main").getByRole("link", { name: `Doomed ${stamp}` })).toHaveCount(0);
  expect((await page.goto(first)).status()).toBe(404);

  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const plain = await context.newPage();
  await asOwner(plain);
  const second = await newCourse(plain, `Also doomed ${stamp}`, `also-doomed-${stamp}`);
  await plain.getByRole("button", { name: "Delete course" }).click();
  await expect(plain.getByRole("heading", { level: 1 })).toHaveText(`Delete Also doomed ${stamp}?`);
  expect((await plain.goto(second)).status()).toBe(200);  // not deleted yet
  await plain.getByRole("button", { name: "Delete course" }).click();
  await plain.getByRole("button", { name: "Delete course" }).click();
  await expect(plain).toHaveURL(/\/teach$/);
  expect((await plain.goto(second)).status()).toBe(404);
  await context.close();
});

test("an announcement reaches the enrolled students' notifications", async ({ page }) => {
  const student = await signUp(page, "listener");
  await page.goto(`/courses/${owner.slug}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toBeVisible();
  await signOut(page);

  await asOwner(page);
  const mine = await teachPathOf(page, owner.title);
  await page.goto(`${mine}/announcements`);
  const headline = `Rehearsal moved ${Date.now()}`;
  const refused = await submit(page, "Publish announcement", "/announcements");
  expect(refused.status()).toBe(422);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("textbox", { name: "Title" }).fill(headline);
  await page.getByRole("textbox", { name: "Message" }).fill("Thursday at <8>, bring your horn.");
  await page.getByRole("button", { name: "Publish announcement" }).click();
  await expect(page.getByRole("status")).toHaveText("Announcement published");
  await expect(page.getByRole("article").first()).toContainText(headline);
  await signOut(page);

  await logIn(page, student);
  await expect(page.getByRole("banner").getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications (1 unread)");
  await expect(page.getByRole("main")).toContainText("Thursday at <8>, bring your horn.");
});

test("the students table and its CSV download", async ({ page }) => {
  const student = await signUp(page, "roster", "Learn", "=cmd|' /C calc'!A0");
  await page.goto(`/courses/${owner.slug}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await signOut(page);

  await asOwner(page);
  const mine = await teachPathOf(page, owner.title);
  await page.goto(`${mine}/students`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Students/);
  for (const column of ["Name", "Username", "Status", "Progress", "Last activity"]) {
    await expect(page.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const row = page.getByRole("row").filter({ hasText: student });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("0%");
  await expect(row).toContainText("=cmd|' /C calc'!A0");  // as typed on the page

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("name,username,status,progress_percent,enrolled_at,last_activity_at");
  const line = lines.find((line) => line.includes(`,${student},`));
  expect(line).toMatch(new RegExp(`^'=cmd\\|' /C calc'!A0,${student},active,0,`));
  const answer = await page.request.get(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"));
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await answer.text()).split("\r\n").length).toBe(lines.length + 1);
});

test("the statistics page draws the weekly numbers with a text alternative", async ({ page }) => {
  await asOwner(page);
  const mine = await teachPathOf(page, owner.title);
  await page.goto(`${mine}/stats`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Statistics/);
  await expect(page.getByRole("main")).toContainText("Students");
  for (const name of ["Enrolments per week", "Completions per week"]) {
    const chart = page.getByRole("img", { name, exact: true });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleDescription(/weeks starting on Monday.* in all\. .+: \d+; .+: \d+/);
    await expect(chart.locator("rect")).toHaveCount(26);
  }
});

test("the instructor profile is saved, a bad website refused beside its field", async ({ page }) => {
  await signUp(page, "profiled", "Teach");
  await page.goto("/teach/profile");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Instructor profile");
  await page.getByRole("textbox", { name: "Bio" }).fill("Potter and teacher.");
  await page.getByRole("textbox", { name: "Expertise" }).fill("Stoneware");
  await page.getByRole("textbox", { name: "Website" }).fill("javascript:alert(1)");
  const refused = await submit(page, "Save profile", "/teach/profile");
  expect(refused.status()).toBe(422);
  await expect(page.getByRole("textbox", { name: "Website" })).toHaveAttribute("aria-describedby", "website-error");
  await expect(page.getByRole("textbox", { name: "Bio" })).toHaveValue("Potter and teacher.");
  await page.getByRole("textbox", { name: "Website" }).fill("https://pots.example.com");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toHaveText("Profile saved");
  await expect(page.getByRole("textbox", { name: "Expertise" })).toHaveValue("Stoneware");
});

test("another instructor's course answers as the API does; students may not teach", async ({ page, request }) => {
  await asOwner(page);
  const mine = await teachPathOf(page, owner.title);
  const draft = await teachPathOf(page, owner.draftTitle);
  await page.goto(`${mine}/outline`);
  const lesson = await page.getByRole("link", { name: "Edit" }).first().getAttribute("href");
  await signOut(page);

  await signUp(page, "rival", "Teach");
  // A published course is refused (403), a draft one does not exist (404):
  // the answers of PATCH /api/courses/{id} for the same user.
  for (const [course, status, heading] of [[mine, 403, "Not allowed"], [draft, 404, "Page not found"]]) {
    for (const suffix of ["", "/outline", "/assessments", "/assessments/new", "/students", "/students.csv",
      "/announcements", "/stats"]) {
      const answer = await page.goto(course + suffix);
      expect(answer.status(), course + suffix).toBe(status);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
  }
  for (const [course, status] of [[mine, 403], [draft, 404]]) {
    const cookie = (await page.context().cookies()).find((c) => c.name === "lectern_session");
    const viaApi = await request.patch(`${test.info().project.use.baseURL}/api/courses/${course.split("/").pop()}`, {
      headers: { Authorization: `Bearer ${cookie.value}` }, data: { description: "Mine now." },
    });
    expect(viaApi.status(), `PATCH ${course}`).toBe(status);
  }
  expect((await page.goto(lesson)).status()).toBe(403);
  await signOut(page);

  await signUp(page, "pupil");
  expect((await page.goto("/teach")).status()).toBe(403);
  expect((await page.goto("/teach/courses/new")).status()).toBe(403);
  expect((await page.goto(mine)).status()).toBe(403);
  expect((await page.goto(draft)).status()).toBe(404);
});

test("the teach pages pass axe-core, light and dark, and fit 375 px", async ({ page }) => {
  test.setTimeout(300_000);  // ten pages, each three times with axe-core
  await asOwner(page);
  const mine = await teachPathOf(page, owner.title);
  await page.goto(`${mine}/outline`);
  const lesson = await page.getByRole("link", { name: "Edit" }).first().getAttribute("href");
  for (const path of ["/teach", "/teach/courses/new", mine, `${mine}/outline`, lesson, `${mine}/assessments`,
    `${mine}/students`, `${mine}/announcements`, `${mine}/stats`, "/teach/profile"]) {
    await checkPage(page, path);
  }
});
