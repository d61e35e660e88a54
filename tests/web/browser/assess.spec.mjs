// The assessment builder and the results under /teach: an instructor builds
// an assessment of every question type (a refused save keeps what was
// typed), publishes it, two students take it, and the results page shows the
// attempts, the pass rate, the histogram and the share of right answers,
// with the CSV to download; the builder without JavaScript; the questions
// locked once attempted; another instructor gets the API's answers; axe-core
// and 375 px on the new pages.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { api, PASSWORD, checkPage, submit } from "./fixtures.mjs";

let owner;  // { token, courseId, title, draftId, quizId }

// A new user through the API, with their token (pages get it as the session
// cookie: logging in through the form for each would use up the per-user
// login allowance).
async function newUser(request, prefix, role, displayName) {
  const username = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1000)}`;
  await api(request, "POST", "/api/auth/register", {
    username, email: `${username}@example.com`, password: PASSWORD, display_name: displayName, role,
  });
  const { token } = await api(request, "POST", "/api/auth/login", { username, password: PASSWORD });
  return { username, token, displayName };
}

async function signedInAs(page, user) {
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "lectern_session", value: user.token, url: test.info().project.use.baseURL }]);
}

const QUIZ = {
  title: "Warm-up", passing_score: 50, questions: [
    { question_type: "true_false", question_text: "Strings vibrate.", points: 1,
      answers: [{ answer_text: "True", is_correct: true }, { answer_text: "False", is_correct: false }] },
  ],
};

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const teacher = await newUser(request, "assessor", "instructor", "Ada Assessor");
  const title = `Guitar basics ${Date.now()}`;
  const course = await api(request, "POST", "/api/courses", { title, description: "Six strings." }, teacher.token);
  const module = await api(request, "POST", `/api/courses/${course.id}/modules`, { title: "Tuning", position: 1 }, teacher.token);
  await api(request, "POST", `/api/modules/${module.id}/lessons`,
    { title: "Standard tuning", content: "EADGBE.", duration_minutes: 5, position: 1 }, teacher.token);
  await api(request, "POST", `/api/courses/${course.id}/publish`, undefined, teacher.token);
  const draft = await api(request, "POST", "/api/courses", { title: `Unreleased ${Date.now()}` }, teacher.token);
  // A published assessment with one graded attempt, for the access and axe checks.
  const quiz = await api(request, "POST", `/api/courses/${course.id}/assessments`, QUIZ, teacher.token);
  await api(request, "POST", `/api/assessments/${quiz.id}/publish`, undefined, teacher.token);
  const student = await newUser(request, "warmup", "student", "Wendy Warm");
  await api(request, "POST", `/api/courses/${course.id}/enroll`, undefined, student.token);
  const attempt = await api(request, "POST", `/api/assessments/${quiz.id}/attempts`, undefined, student.token);
  await api(request, "POST", `/api/attempts/${attempt.id}/submit`,
    { answers: [{ question_id: quiz.questions[0].id, answer_ids: [quiz.questions[0].answers[0].id] }] }, student.token);
  const hidden = await api(request, "POST", `/api/courses/${course.id}/assessments`, { ...QUIZ, title: "Hidden draft" }, teacher.token);
  owner = { ...teacher, courseId: course.id, title, draftCourseId: draft.id, quizId: quiz.id, hiddenId: hidden.id };
  await request.dispose();
});

// Fills one question of the builder; `answers` are [text, correct] pairs,
// the rows beyond the two shown added with "Add answer".
async function fillQuestion(page, number, { type, text, explanation, points, answers }) {
  const question = page.getByRole("group", { name: `Question ${number}`, exact: true });
  await question.getByRole("combobox", { name: "Question type" }).selectOption({ label: type });
  await question.getByRole("textbox", { name: "Question", exact: true }).fill(text);
  await question.getByRole("textbox", { name: "Explanation" }).fill(explanation);
  await question.getByRole("spinbutton", { name: "Points" }).fill(String(points));
  for (let i = 2; i < answers.length; ++i) {
    await question.getByRole("button", { name: "Add answer" }).click();
  }
  const group = page.getByRole("group", { name: `Question ${number}`, exact: true });
  for (const [i, [answer, correct]] of answers.entries()) {
    await group.getByRole("textbox", { name: "Answer", exact: true }).nth(i).fill(answer);
    await group.getByRole("checkbox", { name: "Correct" }).nth(i).setChecked(correct);
  }
}

// A student takes the published assessment through the pages.
async function takeAssessment(page, student, assessmentId, answer) {
  await signedInAs(page, student);
  await page.goto(`/assessments/${assessmentId}`);
  await page.getByRole("button", { name: "Start attempt" }).click();
  await expect(page).toHaveURL(/\/attempts\/\d+$/);
  await answer(page);
  await page.getByRole("button", { name: "Submit answers" }).click();
}

test("an instructor builds and publishes an assessment, students take it, the results follow", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signedInAs(page, owner);
  await page.goto(`/teach/courses/${owner.courseId}`);
  await page.getByRole("navigation", { name: "Course" }).getByRole("link", { name: "Assessments" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Assessments of ${owner.title}`);
  await page.getByRole("main").getByRole("link", { name: "New assessment" }).click();
  await expect(page).toHaveURL(new RegExp(`/teach/courses/${owner.courseId}/assessments/new$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New assessment");

  await page.getByRole("textbox", { name: "Title" }).fill("Chords quiz");
  await page.getByRole("textbox", { name: "Description" }).fill("Four questions <b>about</b> chords.");
  await page.getByRole("spinbutton", { name: "Pass mark (%)" }).fill("60");
  await page.getByRole("spinbutton", { name: "Maximum attempts" }).fill("2");
  await fillQuestion(page, 1, { type: "Single choice", text: "How many strings?", explanation: "Six on a guitar.",
    points: 2, answers: [["Four", false], ["Six", true], ["Twelve", false]] });
  await page.getByRole("button", { name: "Add question" }).click();
  // Nothing typed is lost on the way.
  await expect(page.getByRole("group", { name: "Question 1", exact: true }).getByRole("textbox", { name: "Answer", exact: true }))
    .toHaveCount(3);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("Chords quiz");
  await expect(page.getByRole("group", { name: "Question 1", exact: true }).getByRole("checkbox", { name: "Correct" }).nth(1)).toBeChecked();
  // Multiple choice, its correct answers left unmarked for now.
  await fillQuestion(page, 2, { type: "Multiple choice", text: "Which are major chords?", explanation: "Am is minor.",
    points: 1, answers: [["C", false], ["Am", false], ["G", false]] });
  await page.getByRole("button", { name: "Add question" }).click();
  await fillQuestion(page, 3, { type: "True or false", text: "A capo raises the pitch.", explanation: "It shortens the strings.",
    points: 1, answers: [["True", true], ["False", false]] });
  await page.getByRole("button", { name: "Add question" }).click();
  await fillQuestion(page, 4, { type: "Short answer", text: "Name the lowest string.", explanation: "Low E.",
    points: 1, answers: [["E", false], ["Low E", false]] });

  // Refused: 422, the message beside the answers, everything kept.
  const refused = await submit(page, "Save assessment", "/assessments/new");
  expect(refused.status()).toBe(422);
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  const second = page.getByRole("group", { name: "Question 2", exact: true });
  await expect(second.getByRole("group", { name: "Answers to question 2" })).toHaveAccessibleDescription("Mark at least one answer correct.");
  await expect(page.getByRole("group", { name: "Question 4", exact: true }).getByRole("textbox", { name: "Answer", exact: true }).nth(1))
    .toHaveValue("Low E");
  await expect(page.getByRole("textbox", { name: "Description" })).toHaveValue("Four questions <b>about</b> chords.");
  await second.getByRole("checkbox", { name: "Correct" }).nth(0).check();
  await second.getByRole("checkbox", { name: "Correct" }).nth(2).check();
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page).toHaveURL(/\/teach\/assessments\/\d+\?saved=1$/);
  await expect(page.getByRole("status")).toHaveText("Assessment saved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chords quiz");
  const assessmentId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByRole("group", { name: /^Question \d$/ })).toHaveCount(4);
  await expect(page.getByRole("group", { name: "Question 3", exact: true }).getByRole("combobox", { name: "Question type" }))
    .toHaveValue("true_false");
  await expect(page.getByRole("spinbutton", { name: "Time limit (minutes)" })).toHaveValue("");

  // The API sees what the page saved.
  const stored = await api(request, "GET", `/api/assessments/${assessmentId}`, undefined, owner.token);
  expect(stored.passing_score).toBe(60);
  expect(stored.max_attempts).toBe(2);
  expect(stored.questions.map((q) => q.question_type)).toEqual(["single_choice", "multiple_choice", "true_false", "short_answer"]);
  expect(stored.questions[1].answers.map((a) => a.is_correct)).toEqual([true, false, true]);

  await page.getByRole("button", { name: "Publish assessment" }).click();
  await expect(page.getByRole("status")).toHaveText("Assessment published");
  await expect(page.getByRole("button", { name: "Publish assessment" })).toHaveCount(0);

  // Two students: one gets everything right, the other only the first question.
  const ace = await newUser(request, "ace", "student", "Ace Player");
  const novice = await newUser(request, "novice", "student", "=Nova Novice");
  for (const student of [ace, novice]) {
    await api(request, "POST", `/api/courses/${owner.courseId}/enroll`, undefined, student.token);
  }
  await takeAssessment(page, ace, assessmentId, async (p) => {
    await p.getByRole("group", { name: "How many strings?" }).getByRole("radio", { name: "Six" }).check();
    const chords = p.getByRole("group", { name: "Which are major chords?" });
    await chords.getByRole("checkbox", { name: "C", exact: true }).check();
    await chords.getByRole("checkbox", { name: "G", exact: true }).check();
    await p.getByRole("group", { name: "A capo raises the pitch." }).getByRole("radio", { name: "True" }).check();
    await p.getByRole("textbox", { name: "Name the lowest string." }).fill("low e");
  });
  await expect(page.getByRole("main").getByText("Score: 100%")).toBeVisible();
  await expect(page.getByRole("main").getByText("Passed", { exact: true })).toBeVisible();
  await takeAssessment(page, novice, assessmentId, async (p) => {
    await p.getByRole("group", { name: "How many strings?" }).getByRole("radio", { name: "Six" }).check();
    await p.getByRole("group", { name: "A capo raises the pitch." }).getByRole("radio", { name: "False" }).check();
  });
  await expect(page.getByRole("main").getByText("Score: 40%")).toBeVisible();
  await expect(page.getByRole("main").getByText("Not passed")).toBeVisible();

  // The results.
  await signedInAs(page, owner);
  await page.goto(`/teach/assessments/${assessmentId}`);
  await page.getByRole("main").getByRole("link", { name: "Results" }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText(/^Results/);
  for (const column of ["Student", "Attempt", "Score", "Passed", "Submitted at"]) {
    await expect(main.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  }
  const attempts = main.getByRole("table", { name: "Attempts" });
  await expect(attempts.getByRole("row").filter({ hasText: "Ace Player" })).toContainText("100%");
  await expect(attempts.getByRole("row").filter({ hasText: "Ace Player" })).toContainText(/Passed.*\d{4}/);
  await expect(attempts.getByRole("row").filter({ hasText: "=Nova Novice" })).toContainText("40%");
  await expect(attempts.getByRole("row").filter({ hasText: "=Nova Novice" })).toContainText("Not passed");
  await expect(main.locator("dl")).toContainText("Pass rate50%");
  const chart = main.getByRole("img", { name: "Scores", exact: true });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/^Scores of 2 graded attempts, in bands of ten points\. 0–9%: 0; .*40–49%: 1; .*90–100%: 1\.$/);
  await expect(chart.locator("rect")).toHaveCount(10);
  const perQuestion = main.getByRole("table", { name: "Right answers per question" });
  await expect(perQuestion.getByRole("row").filter({ hasText: "How many strings?" })).toContainText("2 of 2 (100%)");
  await expect(perQuestion.getByRole("row").filter({ hasText: "A capo raises the pitch." })).toContainText("1 of 2 (50%)");
  await expect(perQuestion.getByRole("row").filter({ hasText: "Name the lowest string." })).toContainText("1 of 2 (50%)");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    main.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const lines = readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
  expect(lines[0]).toBe("name,username,attempt_number,status,score,points_earned,points_possible,passed,started_at,submitted_at");
  expect(lines).toHaveLength(3);
  expect(lines.find((l) => l.includes(`,${ace.username},`))).toMatch(new RegExp(`^Ace Player,${ace.username},1,graded,100,5,5,true,\\d{4}-`));
  expect(lines.find((l) => l.includes(`,${novice.username},`))).toMatch(new RegExp(`^'=Nova Novice,${novice.username},1,graded,40,2,5,false,`));

  // Attempted: the questions are shown, not edited; the settings still change.
  await page.goto(`/teach/assessments/${assessmentId}`);
  await expect(page.getByRole("main")).toContainText("can no longer change");
  await expect(page.getByRole("combobox", { name: "Question type" })).toHaveCount(0);
  await expect(page.getByRole("main")).toContainText("How many strings?");
  await page.getByRole("textbox", { name: "Title" }).fill("Chords quiz, again");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByRole("status")).toHaveText("Assessment saved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chords quiz, again");
  expect((await api(request, "GET", `/api/assessments/${assessmentId}`, undefined, owner.token)).questions).toHaveLength(4);
});

test("the builder works with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signedInAs(page, owner);
  await page.goto(`/teach/courses/${owner.courseId}/assessments/new`);
  await page.getByRole("textbox", { name: "Title" }).fill("No script quiz");
  await page.getByRole("spinbutton", { name: "Time limit (minutes)" }).fill("0");
  await fillQuestion(page, 1, { type: "Single choice", text: "Pick one", explanation: "", points: 1,
    answers: [["One", true], ["Two", false], ["Three", false]] });
  await expect(page.getByRole("group", { name: "Question 1", exact: true }).getByRole("textbox", { name: "Answer", exact: true }))
    .toHaveCount(3);
  await page.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("group", { name: /^Question \d$/ })).toHaveCount(2);
  await expect(page.getByRole("group", { name: "Question 1", exact: true }).getByRole("textbox", { name: "Question", exact: true }))
    .toHaveValue("Pick one");
  // A time limit of 0 minutes is refused beside its field.
  const refused = await submit(page, "Save assessment", "/assessments/new");
  expect(refused.status()).toBe(422);
  const limit = page.getByRole("spinbutton", { name: "Time limit (minutes)" });
  await expect(limit).toHaveAttribute("aria-invalid", "true");
  await limit.fill("15");
  // The empty second question is left out.
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page).toHaveURL(/\/teach\/assessments\/\d+\?saved=1$/);
  await expect(page.getByRole("group", { name: /^Question \d$/ })).toHaveCount(1);
  await expect(page.getByRole("spinbutton", { name: "Time limit (minutes)" })).toHaveValue("15");
  await page.getByRole("button", { name: "Publish assessment" }).click();
  await expect(page.getByRole("status")).toHaveText("Assessment published");
  await context.close();
});

test("another instructor gets the API's answers on the assessment pages", async ({ page, request }) => {
  const rival = await newUser(request, "rival", "instructor", "Rita Rival");
  await signedInAs(page, rival);
  const published = [`/teach/assessments/${owner.quizId}`, `/teach/assessments/${owner.quizId}/results`,
    `/teach/assessments/${owner.quizId}/results.csv`, `/teach/courses/${owner.courseId}/assessments`,
    `/teach/courses/${owner.courseId}/assessments/new`];
  for (const path of published) {
    const answer = await page.goto(path);
    expect(answer.status(), path).toBe(403);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
  // The API's answers for the same things.
  const base = test.info().project.use.baseURL;
  const asRival = { Authorization: `Bearer ${rival.token}` };
  expect((await request.patch(`${base}/api/assessments/${owner.quizId}`, { headers: asRival, data: {} })).status()).toBe(403);
  expect((await request.get(`${base}/api/instructor/courses/${owner.courseId}/assessments/${owner.quizId}/results.csv`,
    { headers: asRival })).status()).toBe(403);
  // A draft assessment does not exist for them, as in the API.
  expect((await page.goto(`/teach/assessments/${owner.hiddenId}`)).status()).toBe(404);
  expect((await request.patch(`${base}/api/assessments/${owner.hiddenId}`, { headers: asRival, data: {} })).status()).toBe(404);
  expect((await page.goto(`/teach/courses/${owner.draftCourseId}/assessments/new`)).status()).toBe(404);
});

test("the assessment pages pass axe-core, light and dark, and fit 375 px", async ({ page }) => {
  test.setTimeout(180_000);
  await signedInAs(page, owner);
  for (const path of [`/teach/courses/${owner.courseId}/assessments`, `/teach/courses/${owner.courseId}/assessments/new`,
    `/teach/assessments/${owner.quizId}`, `/teach/assessments/${owner.hiddenId}`, `/teach/assessments/${owner.quizId}/results`]) {
    await checkPage(page, path);
  }
  // A refused form too (its errors beside the fields).
  await page.goto(`/teach/courses/${owner.courseId}/assessments/new`);
  await page.getByRole("group", { name: "Question 1", exact: true }).getByRole("textbox", { name: "Question", exact: true }).fill("Half done");
  const refused = await submit(page, "Save assessment", "/assessments/new");
  expect(refused.status()).toBe(422);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id} ${v.help}`)).toEqual([]);
});
