// A student's whole way through the site with JavaScript switched off:
// every step is a form that posts and is answered with a redirect (or a
// link), as web.md promises. Its own instructor makes the course through
// the API (logins are limited per user; the suite's instructor is busy).
import { test, expect } from "@playwright/test";
import { api, PASSWORD, logIn, expectSignedOut } from "./fixtures.mjs";

// A published course of three lessons; the second has a timed quiz.
async function newCourse(request, stamp) {
  const username = `potter_${stamp}`;
  await api(request, "POST", "/api/auth/register", {
    username, email: `${username}@example.com`, password: PASSWORD, display_name: "Piet Potter", role: "instructor",
  });
  const { token } = await api(request, "POST", "/api/auth/login", { username, password: PASSWORD });
  const title = `Pottery at home ${stamp}`;
  const course = await api(request, "POST", "/api/courses", { title, description: "Clay, wheel and kiln.", level: "beginner" }, token);
  const module = await api(request, "POST", `/api/courses/${course.id}/modules`, { title: "The wheel", position: 1 }, token);
  const lessons = [];
  for (const [n, name] of ["Wedging clay", "Centring", "Trimming"].entries()) {
    lessons.push(await api(request, "POST", `/api/modules/${module.id}/lessons`,
      { title: name, content: `All about **${name.toLowerCase()}**.`, duration_minutes: 10, position: n + 1 }, token));
  }
  const quiz = await api(request, "POST", `/api/courses/${course.id}/assessments`, {
    title: `Wheel quiz ${stamp}`, description: "Two questions.", passing_score: 50, time_limit_minutes: 30, max_attempts: 2,
    lesson_id: lessons[1].id,
    questions: [
      { question_type: "single_choice", question_text: "What comes first?", explanation: "Wedge before you throw.", points: 1, position: 1,
        answers: [{ answer_text: "Wedging", is_correct: true, position: 1 }, { answer_text: "Glazing", is_correct: false, position: 2 }] },
      { question_type: "short_answer", question_text: "Where is clay fired?", explanation: "In a kiln.", points: 1, position: 2,
        answers: [{ answer_text: "kiln", is_correct: true, position: 1 }] },
    ],
  }, token);
  await api(request, "POST", `/api/assessments/${quiz.id}/publish`, undefined, token);
  await api(request, "POST", `/api/courses/${course.id}/publish`, undefined, token);
  return { title, slug: course.slug, lessons, quiz };
}

test("a student signs up, learns, is graded, reviews and changes settings without JavaScript", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const stamp = `${Date.now()}_${Math.floor(Math.random() * 1000)}`;
  const c = await newCourse(request, stamp);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // Every form post is answered with a redirect (POST/redirect/GET).
  const posts = [];
  page.on("response", (r) => {
    if (r.request().method() === "POST") posts.push(`${new URL(r.url()).pathname} ${r.status()}`);
  });
  const main = page.getByRole("main");

  // Sign up, out, and in again.
  const name = `nojs_${stamp}`;
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Username" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(`${name}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("textbox", { name: "Display name" }).fill("Nora Noscript");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expectSignedOut(page);
  await logIn(page, name);
  await expect(page).toHaveURL(/\/dashboard$/);

  // Find the course in the catalogue and enrol.
  await page.getByRole("banner").getByRole("link", { name: "Courses", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search courses" }).fill(c.title);
  await page.getByRole("combobox", { name: "Level" }).selectOption("beginner");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/\?search=Pottery.*&level=beginner/);
  await main.getByRole("link", { name: c.title }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${c.slug}$`));
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute("aria-valuenow", "0");
  await page.getByRole("link", { name: "Continue" }).click();

  // The lessons, each marked complete, one after the other.
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Wedging clay");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(main.getByText("Completed", { exact: true })).toBeVisible();
  await main.getByRole("link", { name: "Next lesson" }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Centring");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(main.getByText("Completed", { exact: true })).toBeVisible();

  // A note (written, edited, deleted and written again) and a bookmark.
  const notes = page.getByRole("region", { name: "My notes" });
  await page.getByRole("textbox", { name: "New note" }).fill("Keep the elbows on the knees.");
  await page.locator("form").filter({ has: page.getByRole("textbox", { name: "New note" }) })
    .getByRole("button", { name: "Save note" }).click();
  await expect(notes).toContainText("Keep the elbows on the knees.");
  await notes.getByRole("button", { name: "Edit note" }).click();
  const note = page.getByRole("textbox", { name: "Note", exact: true });
  await note.fill("Elbows on the knees, always.");
  await page.locator("form").filter({ has: note }).getByRole("button", { name: "Save note" }).click();
  await expect(notes).toContainText("Elbows on the knees, always.");
  await notes.getByRole("button", { name: "Delete note" }).click();  // no dialog without a script
  await expect(notes).toContainText("No notes on this lesson yet.");
  await page.getByRole("textbox", { name: "New note" }).fill("Wet the hands first.");
  await page.locator("form").filter({ has: page.getByRole("textbox", { name: "New note" }) })
    .getByRole("button", { name: "Save note" }).click();
  await expect(notes).toContainText("Wet the hands first.");
  await page.getByRole("button", { name: "Bookmark this lesson" }).click();
  await expect(page.getByRole("button", { name: "Remove bookmark" })).toBeVisible();

  // The quiz: started, answered and submitted by hand; the timer only shows.
  await main.getByRole("link", { name: c.quiz.title }).click();
  await expect(main).toContainText("0 of 2");
  await page.getByRole("button", { name: "Start attempt" }).click();
  await expect(page).toHaveURL(/\/attempts\/\d+$/);
  await expect(page.getByRole("timer")).toHaveText(/^(30:00|29:[0-5]\d)$/);
  await page.getByRole("group", { name: "What comes first?" }).getByRole("radio", { name: "Wedging" }).check();
  await page.getByRole("textbox", { name: "Where is clay fired?" }).fill("Kiln");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page).toHaveURL(/\/attempts\/\d+$/);
  await expect(main.getByText("Score: 100%")).toBeVisible();
  await expect(main.getByText("Passed", { exact: true })).toBeVisible();
  await expect(main).toContainText("2 of 2 points");
  await expect(main.getByRole("listitem").filter({ hasText: "Where is clay fired?" })).toContainText("In a kiln.");
  await main.getByRole("link", { name: "Back to the course" }).click();

  // The last lesson, then the course is done; a review.
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Trimming");
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(main.getByText("Completed", { exact: true })).toBeVisible();
  await main.getByRole("link", { name: c.title }).click();
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute("aria-valuenow", "100");
  await page.getByRole("group", { name: "Rating" }).getByRole("radio", { name: "5 stars" }).check();
  await page.getByRole("textbox", { name: "Review" }).fill("I made a bowl!");
  await page.getByRole("button", { name: "Post review" }).click();
  await expect(main).toContainText("I made a bowl!");
  await expect(main).toContainText("5.0 out of 5");

  // The note and the bookmark on their own pages.
  await page.goto("/notes");
  await expect(main.getByRole("listitem").filter({ hasText: "Wet the hands first." })).toHaveCount(1);
  await page.goto("/bookmarks");
  await expect(main.getByRole("link", { name: "Centring" })).toHaveAttribute("href", `/lessons/${c.lessons[1].id}`);

  // Settings: a time zone and the dark theme, seen on the next pages.
  await page.getByRole("banner").getByRole("link", { name: "Settings" }).click();
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("America/New_York");
  await page.getByRole("group", { name: "Theme" }).getByRole("radio", { name: "Dark" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await expect(main).toContainText("Times are shown in America/New_York");
  await page.goto("/notes");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.locator("body")).toHaveCSS("background-color", "rgb(17, 21, 29)");  // the dark --bg
  const time = main.locator("time").first();
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" })
    .format(new Date(await time.getAttribute("datetime"))));
  await expect(time).toHaveText(new RegExp(`\\b(${hour}|0?${hour % 12 || 12}):\\d\\d\\b`));

  await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
  await expectSignedOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);

  expect(posts.length).toBeGreaterThanOrEqual(17);
  expect(posts.filter((p) => !p.endsWith(" 303"))).toEqual([]);
  await context.close();
});
