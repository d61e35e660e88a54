// A student's learning pages: lessons (completion, notes, bookmarks),
// assessments and attempts (the timer, the graded result), the "Continue"
// link and a refused review. Each test builds its own course through the API.
import { test, expect } from "@playwright/test";
import { api, INSTRUCTOR, PASSWORD, checkPage, logIn, submit } from "./fixtures.mjs";

let unique = 0;
const stamp = () => `${Date.now()}_${++unique}`;

async function tokenOf(request, username) {
  return (await api(request, "POST", "/api/auth/login", { username, password: PASSWORD })).token;
}

async function newStudent(request) {
  const username = `learner_${stamp()}`;
  await api(request, "POST", "/api/auth/register", {
    username, email: `${username}@example.com`, password: PASSWORD, display_name: "Lee Learner",
  });
  return { username, token: await tokenOf(request, username) };
}

// A published course of three lessons; the second has a timed assessment
// (one minute, three attempts, 5 points: 2 + 1 + 1 + 1).
// The instructor logs in once: logins are limited per user (fixtures.mjs).
let instructorToken;
async function newCourse(request) {
  instructorToken ??= await tokenOf(request, INSTRUCTOR);
  const token = instructorToken;
  const id = stamp();
  const title = `Learning journey ${id}`;
  const course = await api(request, "POST", "/api/courses", { title, description: "Three steps.", level: "beginner" }, token);
  const module = await api(request, "POST", `/api/courses/${course.id}/modules`, { title: "Basics", position: 1 }, token);
  const lessons = [];
  for (const [n, lesson] of [
    { title: "First lesson", content: "Some **bold** words.\n\n| a | b |\n|---|---|\n| 1 | 2 |", duration_minutes: 5, is_free_preview: true },
    { title: "Second lesson", content: "Read [the docs](https://example.com).", duration_minutes: 1 },
    { title: "Third lesson", content: "The end.", duration_minutes: 7 },
  ].entries()) {
    lessons.push(await api(request, "POST", `/api/modules/${module.id}/lessons`, { ...lesson, position: n + 1 }, token));
  }
  const quizTitle = `Quiz ${id}`;
  const quiz = await api(request, "POST", `/api/courses/${course.id}/assessments`, {
    title: quizTitle, description: "Four questions.", passing_score: 70, time_limit_minutes: 1, max_attempts: 3,
    lesson_id: lessons[1].id,
    questions: [
      { question_type: "single_choice", question_text: "How much is 2 + 2?", explanation: "Two and two make four.", points: 2, position: 1,
        answers: [{ answer_text: "Three", is_correct: false, position: 1 }, { answer_text: "Four", is_correct: true, position: 2 }] },
      { question_type: "multiple_choice", question_text: "Which are colours?", explanation: "Red and blue are colours.", points: 1, position: 2,
        answers: [{ answer_text: "Red", is_correct: true, position: 1 }, { answer_text: "Blue", is_correct: true, position: 2 },
                  { answer_text: "Seven", is_correct: false, position: 3 }] },
      { question_type: "true_false", question_text: "The sky is green.", explanation: "It is blue.", points: 1, position: 3,
        answers: [{ answer_text: "True", is_correct: false, position: 1 }, { answer_text: "False", is_correct: true, position: 2 }] },
      { question_type: "short_answer", question_text: "The capital of France?", explanation: "Paris is.", points: 1, position: 4,
        answers: [{ answer_text: "Paris", is_correct: true, position: 1 }] },
    ],
  }, token);
  await api(request, "POST", `/api/assessments/${quiz.id}/publish`, null, token);
  await api(request, "POST", `/api/courses/${course.id}/publish`, null, token);
  return { course, title, slug: course.slug, lessons, quiz, quizTitle };
}

test("a student follows the lessons, takes the timed assessment and completes the course", async ({ page, request }) => {
  await page.clock.install();
  const c = await newCourse(request);
  const student = await newStudent(request);
  await logIn(page, student.username);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto(`/courses/${c.slug}`);
  await page.getByRole("button", { name: "Enrol" }).click();
  await expect(page.getByRole("link", { name: "Continue" })).toHaveAttribute("href", `/lessons/${c.lessons[0].id}`);
  await page.getByRole("link", { name: "Continue" }).click();

  // The first lesson: its place, content, duration and outline.
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("First lesson");
  await expect(main.getByRole("link", { name: c.title })).toBeVisible();
  await expect(main).toContainText("Basics");
  await expect(main.locator("strong")).toHaveText("bold");
  await expect(main.getByRole("table")).toBeVisible();
  await expect(main).toContainText("5 minutes");
  await expect(main.getByRole("link", { name: "Previous lesson" })).toHaveCount(0);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(main.getByText("Completed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as complete" })).toHaveCount(0);
  const outline = page.getByRole("navigation", { name: "Course outline" });
  await expect(outline.getByRole("listitem").filter({ hasText: "First lesson" })).toContainText("completed");
  await expect(outline.getByRole("listitem").filter({ hasText: "Second lesson" })).not.toContainText("completed");

  // "Continue" now leads to the first lesson not completed.
  await page.goto(`/courses/${c.slug}`);
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute("aria-valuenow", "33");
  await expect(page.getByRole("link", { name: "Continue" })).toHaveAttribute("href", `/lessons/${c.lessons[1].id}`);
  await page.goto("/dashboard");
  await expect(main.getByRole("link", { name: "Continue" })).toHaveAttribute("href", `/lessons/${c.lessons[1].id}`);
  await main.getByRole("link", { name: "Continue" }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Second lesson");
  await expect(main.getByRole("link", { name: "Previous lesson" })).toHaveAttribute("href", `/lessons/${c.lessons[0].id}`);

  // Notes: write, edit, delete.
  await page.getByRole("textbox", { name: "New note" }).fill("Remember <this>.");
  await page.locator("form").filter({ has: page.getByRole("textbox", { name: "New note" }) })
    .getByRole("button", { name: "Save note" }).click();
  const notes = page.getByRole("region", { name: "My notes" });
  await expect(notes).toContainText("Remember <this>.");
  await notes.getByRole("button", { name: "Edit note" }).click();
  const note = page.getByRole("textbox", { name: "Note", exact: true });
  await expect(note).toHaveValue("Remember <this>.");
  await note.fill("Remember that.");
  await page.locator("form").filter({ has: note }).getByRole("button", { name: "Save note" }).click();
  await expect(notes).toContainText("Remember that.");
  await expect(page.getByRole("textbox", { name: "Note", exact: true })).toHaveCount(0);
  page.once("dialog", (dialog) => dialog.accept());
  await notes.getByRole("button", { name: "Delete note" }).click();
  await expect(notes).toContainText("No notes on this lesson yet.");
  await expect(notes).not.toContainText("Remember that.");

  // The bookmark.
  await page.getByRole("button", { name: "Bookmark this lesson" }).click();
  await expect(page.getByRole("button", { name: "Remove bookmark" })).toBeVisible();
  await page.getByRole("button", { name: "Remove bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmark this lesson" })).toBeVisible();

  // The assessment: the first attempt runs out of time and is submitted by the timer.
  await main.getByRole("link", { name: c.quizTitle }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(c.quizTitle);
  await expect(main).toContainText("Four questions.");
  await expect(main).toContainText("70%");
  await expect(main).toContainText("1 minute");
  await expect(main).toContainText("0 of 3");
  await page.getByRole("button", { name: "Start attempt" }).click();
  await expect(page).toHaveURL(/\/attempts\/\d+$/);
  const timer = page.getByRole("timer");
  await expect(timer).toHaveText(/^(1:00|0:[0-5]\d)$/);
  await expect(main).not.toContainText("Two and two make four.");  // no explanation before grading
  await page.clock.fastForward("01:00");
  await expect(main.getByText("Score: 0%")).toBeVisible();
  await expect(main.getByText("Not passed")).toBeVisible();

  // The second attempt, answered and submitted by hand.
  await page.goto(`/assessments/${c.quiz.id}`);
  await expect(main).toContainText("1 of 3");
  await page.getByRole("button", { name: "Start attempt" }).click();
  await page.goto(`/assessments/${c.quiz.id}`);
  await page.getByRole("link", { name: "Resume attempt" }).click();
  await page.getByRole("group", { name: "How much is 2 + 2?" }).getByRole("radio", { name: "Four" }).check();
  const colours = page.getByRole("group", { name: "Which are colours?" });
  await colours.getByRole("checkbox", { name: "Red" }).check();
  await colours.getByRole("checkbox", { name: "Blue" }).check();
  await page.getByRole("group", { name: "The sky is green." }).getByRole("radio", { name: "False" }).check();
  await page.getByRole("textbox", { name: "The capital of France?" }).fill("Lyon");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(main.getByText("Score: 80%")).toBeVisible();
  await expect(main.getByText("Passed", { exact: true })).toBeVisible();
  await expect(main).toContainText("4 of 5 points");
  const graded = main.getByRole("listitem");
  await expect(graded.filter({ hasText: "How much is 2 + 2?" })).toContainText("Right, 2 of 2 points");
  await expect(graded.filter({ hasText: "How much is 2 + 2?" })).toContainText("Two and two make four.");
  await expect(graded.filter({ hasText: "The capital of France?" })).toContainText("Wrong, 0 of 1 point");
  await main.getByRole("link", { name: "Back to the course" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${c.slug}$`));

  // The remaining lessons, to 100%.
  await page.getByRole("link", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Third lesson");
  await expect(main.getByRole("link", { name: "Next lesson" })).toHaveCount(0);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(main.getByText("Completed", { exact: true })).toBeVisible();
  await page.goto(`/courses/${c.slug}`);
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute("aria-valuenow", "100");
  await page.goto(`/assessments/${c.quiz.id}`);
  await expect(main).toContainText("2 of 3");
  await expect(main).toContainText("Score: 80%, Passed");
});

test("an attempt is its owner's alone, and shows no answers before it is graded", async ({ page, request }) => {
  const c = await newCourse(request);
  const owner = await newStudent(request);
  await api(request, "POST", `/api/courses/${c.course.id}/enroll`, null, owner.token);
  const attempt = await api(request, "POST", `/api/assessments/${c.quiz.id}/attempts`, null, owner.token);

  await logIn(page, owner.username);
  await page.goto(`/attempts/${attempt.id}`);
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  const html = await page.content();
  for (const secret of ["Two and two make four.", "Paris", "is_correct"]) expect(html).not.toContain(secret);

  const other = await newStudent(request);
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, other.username);
  const response = await page.goto(`/attempts/${attempt.id}`);
  expect(response.status()).toBe(404);
  await expect(page.getByRole("main")).not.toContainText("How much is 2 + 2?");
  // Not enrolled: the lesson and the assessment are refused as by the API.
  expect((await page.goto(`/lessons/${c.lessons[1].id}`)).status()).toBe(403);
  expect((await page.goto(`/assessments/${c.quiz.id}`)).status()).toBe(403);
});

test("the attempt limit is explained", async ({ page, request }) => {
  const c = await newCourse(request);
  const student = await newStudent(request);
  await api(request, "POST", `/api/courses/${c.course.id}/enroll`, null, student.token);
  for (let n = 0; n < 3; ++n) {
    const attempt = await api(request, "POST", `/api/assessments/${c.quiz.id}/attempts`, null, student.token);
    await api(request, "POST", `/api/attempts/${attempt.id}/submit`, { answers: [] }, student.token);
  }
  await logIn(page, student.username);
  await page.goto(`/assessments/${c.quiz.id}`);
  await expect(page.getByRole("main")).toContainText("3 of 3");
  await expect(page.getByRole("button", { name: "Start attempt" })).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText("You have used all 3 attempts");
  await checkPage(page, `/assessments/${c.quiz.id}`);
});

test("a refused review is shown again with its errors and what was typed", async ({ page, request }) => {
  const c = await newCourse(request);
  const student = await newStudent(request);
  await api(request, "POST", `/api/courses/${c.course.id}/enroll`, null, student.token);
  await logIn(page, student.username);
  await page.goto(`/courses/${c.slug}`);
  await page.getByRole("textbox", { name: "Review" }).fill("Lovely <course>.");
  const response = await submit(page, "Post review", `/courses/${c.slug}/reviews`);
  expect(response.status()).toBe(422);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.title);
  await expect(page.getByRole("textbox", { name: "Review" })).toHaveValue("Lovely <course>.");
  const rating = page.getByRole("group", { name: "Rating" });
  await expect(rating).toHaveAttribute("aria-describedby", "rating-error");
  await expect(page.locator("#rating-error")).toHaveText("Choose a rating.");
  await rating.getByRole("radio", { name: "5 stars" }).check();
  await page.getByRole("button", { name: "Post review" }).click();
  await expect(page.getByRole("main")).toContainText("Lovely <course>.");
  await expect(page.getByRole("main")).toContainText("5.0 out of 5");
});

test("the learning pages pass axe-core, light and dark, and fit 375 px", async ({ page, request }) => {
  test.slow();  // six pages, each loaded three times and scanned twice
  const c = await newCourse(request);
  const student = await newStudent(request);
  await api(request, "POST", `/api/courses/${c.course.id}/enroll`, null, student.token);
  await api(request, "POST", `/api/lessons/${c.lessons[0].id}/complete`, {}, student.token);
  const note = await api(request, "POST", "/api/notes", { course_id: c.course.id, lesson_id: c.lessons[1].id, content: "A note." }, student.token);
  await api(request, "POST", "/api/bookmarks", { course_id: c.course.id, lesson_id: c.lessons[1].id }, student.token);
  const first = await api(request, "POST", `/api/assessments/${c.quiz.id}/attempts`, null, student.token);
  await api(request, "POST", `/api/attempts/${first.id}/submit`, { answers: [] }, student.token);
  const open = await api(request, "POST", `/api/assessments/${c.quiz.id}/attempts`, null, student.token);

  await logIn(page, student.username);
  await checkPage(page, `/lessons/${c.lessons[0].id}`);
  await checkPage(page, `/lessons/${c.lessons[1].id}`);
  await checkPage(page, `/lessons/${c.lessons[1].id}?edit=${note.id}`);
  await checkPage(page, `/assessments/${c.quiz.id}`);
  await checkPage(page, `/attempts/${open.id}`);
  await checkPage(page, `/attempts/${first.id}`);
});
