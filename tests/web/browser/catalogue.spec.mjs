// The catalogue at / and a course's page, as a visitor and as a student.
import { test, expect } from "@playwright/test";
import { COURSE_COUNT, PASSWORD, checkPage, checkState, expectSignedOut, submit } from "./fixtures.mjs";

test("the catalogue lists published courses, 20 a page, with their facts", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("heading", { level: 1 })).toHaveText("Courses");
  await expectSignedOut(page);
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Jazz Improvisation" })).toBeVisible();
  await expect(main.getByRole("listitem").filter({ hasText: "Jazz Improvisation" })).toContainText("Free");
  await expect(main.getByRole("listitem").filter({ hasText: "Jazz Improvisation" })).toContainText("No reviews yet");
  await expect(main.getByRole("listitem").filter({ hasText: "Jazz Improvisation" })).toContainText("Ada Teacher");
  await expect(main.getByRole("link", { name: "Secret draft" })).toHaveCount(0);
  await expect(page.locator(".course-card")).toHaveCount(20);

  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await expect(pagination.getByRole("link", { name: "Previous" })).toHaveCount(0);
  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/\?page=2$/);
  await expect(page.locator(".course-card")).toHaveCount(COURSE_COUNT - 20);
  await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
  await expect(pagination.getByRole("link", { name: "2", exact: true })).toHaveAttribute("aria-current", "page");
  await pagination.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("search and level filter live in the query string", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search courses" }).fill("jazz");
  await page.getByRole("combobox", { name: "Level" }).selectOption("beginner");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/\?search=jazz&level=beginner$/);
  await expect(page.locator(".course-card")).toHaveCount(1);
  await expect(page.getByRole("searchbox", { name: "Search courses" })).toHaveValue("jazz");
  await expect(page.getByRole("combobox", { name: "Level" })).toHaveValue("beginner");
  await expect(page.getByRole("combobox", { name: "Category" })).toBeVisible();
  await page.goto("/?search=no-such-course-anywhere");
  await expect(page.getByRole("main")).toContainText("No courses match.");
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
});

test("a course page shows the course, its outline and free previews", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Jazz Improvisation" }).click();
  await expect(page).toHaveURL(/\/courses\/jazz-improvisation$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jazz Improvisation");
  const main = page.getByRole("main");
  await expect(main).toContainText("Ada Teacher");
  await expect(main).toContainText("Scales, modes and phrasing.");
  await expect(main.getByRole("heading", { name: "Getting started" })).toBeVisible();
  await expect(main.getByRole("link", { name: "Welcome" })).toHaveAttribute("href", /^\/lessons\/\d+$/);
  await expect(main.getByRole("link", { name: "Second steps" })).toHaveCount(0);
  await expect(main.getByRole("button", { name: "Enrol" })).toHaveCount(0);
});

test("a student enrols, sees the progress and posts a review", async ({ page }) => {
  test.slow();  // three pages also checked with axe-core
  const name = `enrol_${Date.now()}`;
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Username" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(`${name}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("textbox", { name: "Display name" }).fill("Enrolling Student");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/courses/jazz-improvisation");
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page).toHaveURL(/\/courses\/jazz-improvisation$/);
  await expect(page.getByRole("button", { name: "Enrol" })).toHaveCount(0);
  const progress = page.getByRole("progressbar", { name: "Course progress" });
  await expect(progress).toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByRole("link", { name: "Continue" })).toHaveAttribute("href", /^\/lessons\/\d+$/);
  await checkPage(page, "/courses/jazz-improvisation");  // the progress and the review form
  await checkState(page, "a refused review", async () => {
    await page.goto("/courses/jazz-improvisation");
    expect((await submit(page, "Post review", "/courses/jazz-improvisation/reviews")).status()).toBe(422);
  });

  await page.goto("/courses/jazz-improvisation");
  const rating = page.getByRole("group", { name: "Rating" });
  await rating.getByRole("radio", { name: "4 stars" }).check();
  await expect(rating.getByRole("radio")).toHaveCount(5);
  await expect(rating.getByRole("radio", { name: "1 star", exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Review" }).fill("Clear and <b>kind</b>.");
  await page.getByRole("button", { name: "Post review" }).click();
  const main = page.getByRole("main");
  await expect(main).toContainText("Clear and <b>kind</b>.");  // escaped, shown as typed
  await expect(main).toContainText("4.0 out of 5");
  await expect(page.getByRole("button", { name: "Post review" })).toHaveCount(0);

  await page.getByRole("banner").getByRole("link", { name: "My learning" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My learning");
  await expect(page.getByRole("progressbar", { name: "Jazz Improvisation" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Jazz Improvisation" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Continue" })).toBeVisible();
  await checkPage(page, "/dashboard");  // with a course
});

test("the catalogue and a course page pass axe-core, light and dark, and fit 375 px", async ({ page }) => {
  await checkPage(page, "/");
  await checkPage(page, "/?page=2");
  await checkPage(page, "/courses/jazz-improvisation");
});
