// The pictures in README.md: the catalogue, a lesson, a graded attempt and
// an instructor's statistics, each 1280 px and 375 px wide. They are taken
// on a server of their own, filled like a small school (the suite's other
// data, "Course number 7" and friends, would make poor pictures), and land
// in the run's output directory; with LECTERN_UPDATE_SCREENSHOTS=1 in
// docs/screenshots/ (DEVELOPERS.md). Each picture also checks its page.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PASSWORD } from "./fixtures.mjs";
import { scratchDatabase, lectern, startServer, api } from "./global-setup.mjs";

const DOCS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "screenshots");
const WIDTHS = [1280, 375];
const DAY = 24 * 3600 * 1000;

const CATEGORIES = ["Programming", "Data Science", "Design", "Languages", "Music", "Business", "Photography"];
const INSTRUCTORS = [
  ["grace_okafor", "Grace Okafor"], ["tomas_herrera", "Tomás Herrera"],
  ["meilin_chen", "Mei-Lin Chen"], ["hannah_schmidt", "Hannah Schmidt"],
];
const STUDENTS = [
  "Priya Raman", "Jonas Berg", "Amara Nwosu", "Lucas Moreau", "Sofia Rossi", "Kenji Watanabe",
  "Fatima Zahra", "Oliver Hughes", "Chloé Martin", "Mateo García", "Aisha Bello", "Noah Fischer",
  "Elena Petrova", "Samuel Osei", "Ingrid Larsen", "Ravi Kapoor", "Zoe Papadopoulos", "Daniel Kim",
  "Leila Haddad", "Tom O'Brien", "Yuki Sato", "Marta Kowalska", "Ibrahim Diallo", "Hana Novak",
];
// More learners of the Python course alone, for its weekly numbers.
const COHORT = ["Anna", "Ben", "Carla", "David", "Emma", "Felix", "Gita", "Hugo", "Iris", "Jack", "Kira", "Liam"]
  .flatMap((first) => ["Adams", "Brooks", "Costa", "Dubois"].map((last) => `${first} ${last}`));

const LISTS_AND_LOOPS = `A **list** keeps several values in order, in one variable. You write it with
square brackets and go through it with a \`for\` loop:

\`\`\`python
groceries = ["apples", "bread", "coffee"]
for item in groceries:
    print(f"Remember the {item}")
\`\`\`

Three things to remember about lists:

- They count from **0**: \`groceries[0]\` is \`"apples"\`.
- \`len(groceries)\` tells you how many items there are.
- \`groceries.append("eggs")\` adds an item at the end.

### Try it yourself

1. Make a list of three friends' names.
2. Print a greeting for each of them with a \`for\` loop.
3. Add a fourth name with \`append\` and run the loop again.

> If Python answers \`IndexError\`, you asked for a position the list does not have.`;

// Title, category, level, price in cents, instructor (INSTRUCTORS' index),
// description. Each gets a module of three lessons; the first course, whose
// pictures are taken, two modules, a lesson of real Markdown and a quiz.
const COURSES = [
  ["Python for Absolute Beginners", "Programming", "beginner", 0, 0,
    "Write your first programs: values, lists, loops and functions, one small step at a time."],
  ["Data Analysis with SQL", "Data Science", "intermediate", 4900, 1,
    "Ask real questions of real data: joins, grouping and window functions on a public dataset."],
  ["Typography Essentials", "Design", "beginner", 1900, 2,
    "Choose, pair and set type for screens and print, with exercises you can finish in an evening."],
  ["Conversational Spanish for Travellers", "Languages", "beginner", 0, 3,
    "Order food, ask for directions and make small talk: the Spanish you need on your first trip."],
  ["Jazz Piano: Voicings and Comping", "Music", "intermediate", 3400, 2,
    "Shell voicings, rootless chords and the rhythms that make a standard swing."],
  ["Statistics for the Curious", "Data Science", "beginner", 2900, 1,
    "Averages, spread, sampling and significance explained with everyday examples, not formulas."],
  ["Bookkeeping for Small Businesses", "Business", "beginner", 2400, 3,
    "Invoices, receipts, VAT and a monthly routine that keeps your books ready for the accountant."],
  ["Automating Everyday Tasks with Python", "Programming", "intermediate", 3900, 0,
    "Rename files, fill spreadsheets and send reports while you make coffee."],
  ["Portrait Photography with Natural Light", "Photography", "advanced", 5900, 3,
    "Find, shape and bounce daylight for portraits that look effortless."],
];
// Ratings each course's reviewers give, in enrolment order.
const RATINGS = [[5, 5, 4, 5, 5, 4, 5], [4, 5, 4], [5, 4, 5, 5], [5, 5], [4, 4, 5], [4, 3, 4], [5], [], [5, 4]];

// Runs SQL on the scratch database, for what the API rightly cannot do:
// categories (there is no endpoint) and enrolments in past weeks.
function sql(database, statements) {
  if (database.startsWith("sqlite:")) {
    execFileSync("sqlite3", [database.replace(/^sqlite:\/\/\//, ""), statements]);
  } else {
    execFileSync("psql", [database, "-q", "-v", "ON_ERROR_STOP=1", "-c", statements]);
  }
}

async function tokenOf(base, username) {
  return (await api(base, "POST", "/api/auth/login", { username, password: PASSWORD })).token;
}

async function person(base, username, displayName, role = "student") {
  await api(base, "POST", "/api/auth/register", {
    username, email: `${username}@example.com`, password: PASSWORD, display_name: displayName, role,
  });
  return { username, token: await tokenOf(base, username) };
}

async function openSchool() {
  const database = scratchDatabase();
  lectern(database.url, ["migrate"]);
  sql(database.url, "INSERT INTO courses_category (name, slug) VALUES " +
    CATEGORIES.map((c) => `('${c}', '${c.toLowerCase().replace(/ /g, "-")}')`).join(", "));
  const { server, base } = await startServer(process.env.LECTERN_BINARY, database.url, "screenshots-server.log");
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
    database.drop();
  };
  try {
    return { base, stop, ...await fill(base, database.url) };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function fill(base, database) {
  const categories = Object.fromEntries((await api(base, "GET", "/api/categories")).results.map((c) => [c.name, c.id]));
  const teachers = [];
  for (const [username, name] of INSTRUCTORS) teachers.push(await person(base, username, name, "instructor"));
  const courses = [];
  for (const [title, category, level, price, teacher, description] of COURSES) {
    const token = teachers[teacher].token;
    const course = await api(base, "POST", "/api/courses", {
      title, description, level, price_cents: price, category_id: categories[category],
    }, token);
    const python = courses.length === 0;
    const modules = python
      ? [["Getting started", ["Installing Python", "Your first program", "Values and variables"]],
        ["Working with data", ["Lists and loops", "Functions", "Reading files"]]]
      : [["Foundations", ["Welcome and overview", "The core ideas", "Putting it into practice"]]];
    const lessons = [];
    for (const [m, [moduleTitle, lessonTitles]] of modules.entries()) {
      const module = await api(base, "POST", `/api/courses/${course.id}/modules`, { title: moduleTitle, position: m + 1 }, token);
      for (const [n, lessonTitle] of lessonTitles.entries()) {
        lessons.push(await api(base, "POST", `/api/modules/${module.id}/lessons`, {
          title: lessonTitle, position: n + 1, duration_minutes: 8 + 4 * n, is_free_preview: m === 0 && n === 0,
          content: lessonTitle === "Lists and loops" ? LISTS_AND_LOOPS : `${lessonTitle}: what it is and why it matters.`,
        }, token));
      }
    }
    courses.push({ ...course, token, lessons });
  }
  const python = courses[0];
  const quiz = await api(base, "POST", `/api/courses/${python.id}/assessments`, {
    title: "Lists and loops: check your understanding", passing_score: 70, time_limit_minutes: 20, max_attempts: 3,
    description: "Four short questions on what the lesson covered.", lesson_id: python.lessons[3].id,
    questions: [
      { question_type: "single_choice", question_text: "What does print(len([3, 1, 4])) show?", points: 1, position: 1,
        explanation: "len counts the items: there are three.",
        answers: [["3", true], ["4", false], ["8", false]].map(([t, c], i) => ({ answer_text: t, is_correct: c, position: i + 1 })) },
      { question_type: "multiple_choice", question_text: "Which of these are Python lists?", points: 2, position: 2,
        explanation: "Lists use square brackets; (1, 2) is a tuple.",
        answers: [["[1, 2, 3]", true], ['["a", "b"]', true], ["(1, 2)", false]].map(([t, c], i) => ({ answer_text: t, is_correct: c, position: i + 1 })) },
      { question_type: "true_false", question_text: "A list counts its items from 1.", points: 1, position: 3,
        explanation: "Python counts from 0: the first item is groceries[0].",
        answers: [["True", false], ["False", true]].map(([t, c], i) => ({ answer_text: t, is_correct: c, position: i + 1 })) },
      { question_type: "short_answer", question_text: "Which list method adds an item at the end?", points: 1, position: 4,
        explanation: "append adds one item at the end of the list.",
        answers: [{ answer_text: "append", is_correct: true, position: 1 }] },
    ],
  }, python.token);
  await api(base, "POST", `/api/assessments/${quiz.id}/publish`, null, python.token);
  for (const course of courses) await api(base, "POST", `/api/courses/${course.id}/publish`, null, course.token);

  // Everyone learns Python; the others each get some of the students.
  const now = Date.now();
  const backdate = [];
  const students = [];
  for (const [i, name] of [...STUDENTS, ...COHORT].entries()) {
    const student = await person(base, name.normalize("NFD").replace(/[^A-Za-z]+/g, "_").toLowerCase(), name);
    students.push(student);
    for (const [c, course] of courses.entries()) {
      if (c > 0 && (i >= STUDENTS.length || (i + c) % 3 !== 0)) continue;
      const enrolment = await api(base, "POST", `/api/courses/${course.id}/enroll`, null, student.token);
      const reviewer = Math.floor(i / 3);
      if (c > 0 ? reviewer < RATINGS[c].length : i < RATINGS[0].length) {
        await api(base, "POST", `/api/courses/${course.id}/reviews`, {
          rating: RATINGS[c][c > 0 ? reviewer : i],
          comment: ["Clear, friendly and well paced.", "Exactly what I needed.", "Good exercises; I learnt a lot."][i % 3],
        }, student.token);
      }
      if (c !== 0) continue;
      // The Python course's weekly numbers: more students each month, some
      // finishing three to seven weeks after they started.
      const daysAgo = 170 * (1 - Math.sqrt(i / (STUDENTS.length + COHORT.length)));
      const enrolled = new Date(now - daysAgo * DAY);
      let completed = null;
      if (i % 3 === 1 && daysAgo > 55) {
        for (const lesson of course.lessons) await api(base, "POST", `/api/lessons/${lesson.id}/complete`, {}, student.token);
        completed = new Date(enrolled.getTime() + (21 + (i * 11) % 30) * DAY);
      }
      backdate.push([enrolment.id, enrolled, completed]);
    }
  }
  sql(database, backdate.map(([id, enrolled, completed]) =>
    `UPDATE courses_enrollment SET created_at = '${stamp(enrolled)}'` +
    (completed ? `, completed_at = '${stamp(completed)}'` : "") + ` WHERE id = ${id};`).join("\n"));

  // Priya: three lessons done, a note, the quiz taken; others took it too.
  const priya = students[0];
  for (const lesson of python.lessons.slice(0, 3)) await api(base, "POST", `/api/lessons/${lesson.id}/complete`, {}, priya.token);
  await api(base, "POST", "/api/notes", {
    course_id: python.id, lesson_id: python.lessons[3].id, content: "append changes the list itself; it returns None.",
  }, priya.token);
  const shown = await api(base, "GET", `/api/assessments/${quiz.id}`, null, priya.token);
  const [single, multiple, trueFalse, short] = shown.questions;
  const id = (q, text) => q.answers.find((a) => a.answer_text === text).id;
  let attempt;
  for (const [n, student] of students.slice(0, 8).entries()) {
    const started = await api(base, "POST", `/api/assessments/${quiz.id}/attempts`, null, student.token);
    await api(base, "POST", `/api/attempts/${started.id}/submit`, { answers: [
      { question_id: single.id, answer_ids: [id(single, n % 4 === 3 ? "4" : "3")] },
      { question_id: multiple.id, answer_ids: [id(multiple, "[1, 2, 3]"), ...(n % 2 ? [] : [id(multiple, '["a", "b"]')])] },
      { question_id: trueFalse.id, answer_ids: [id(trueFalse, n % 5 === 4 ? "True" : "False")] },
      { question_id: short.id, text_answer: n % 3 === 0 ? "add" : "append" },
    ] }, student.token);
    attempt ??= started;
  }
  return { python, priya, grace: teachers[0], attempt };
}

// 2026-05-04T09:30:00.000000Z: the form both backends store and read.
function stamp(date) {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

let school;
test.describe.configure({ mode: "serial" });
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(300_000);  // a school's worth of API calls to a sanitizer build
  school = await openSchool();
});
test.afterAll(async () => {
  await school?.stop();
});

// Signed in as `who` through the session cookie (a session is an API token).
async function signIn(page, who) {
  await page.context().addCookies([{ name: "lectern_session", value: who.token, url: school.base }]);
}

// The page at each width, light theme: the whole page at 1280 px, its first
// 1200 px at 375 px (a phone's screen and a half, to sit side by side in
// the README); written where the run keeps its files, or into
// docs/screenshots/ when updating them.
async function shoot(page, path, name, check) {
  await page.emulateMedia({ colorScheme: "light" });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(school.base + path);
    await check(page.getByRole("main"));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways at ${width} px`).toBe(0);
    const file = `${name}-${width}.png`;
    const target = process.env.LECTERN_UPDATE_SCREENSHOTS === "1" ? join(DOCS, file) : test.info().outputPath(file);
    mkdirSync(dirname(target), { recursive: true });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({
      path: target, fullPage: true, animations: "disabled",
      clip: width < 1280 ? { x: 0, y: 0, width, height: Math.min(height, 1200) } : undefined,
    });
  }
}

test("the catalogue", async ({ page }) => {
  await shoot(page, "/", "catalogue", async (main) => {
    await expect(main.locator(".course-card")).toHaveCount(COURSES.length);
    await expect(main.getByRole("listitem").filter({ hasText: "Python for Absolute Beginners" })).toContainText("4.7 out of 5");
  });
});

test("a lesson", async ({ page }) => {
  await signIn(page, school.priya);
  await shoot(page, `/lessons/${school.python.lessons[3].id}`, "lesson", async (main) => {
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("Lists and loops");
    await expect(main.locator("pre code")).toContainText("for item in groceries:");
    await expect(main.getByRole("navigation", { name: "Course outline" }).getByText("(completed)")).toHaveCount(3);
  });
});

test("a graded attempt", async ({ page }) => {
  await signIn(page, school.priya);
  await shoot(page, `/attempts/${school.attempt.id}`, "attempt", async (main) => {
    await expect(main.getByText("Score: 80%")).toBeVisible();
    await expect(main.getByText("Passed", { exact: true })).toBeVisible();
  });
});

test("an instructor's statistics", async ({ page }) => {
  await signIn(page, school.grace);
  await shoot(page, `/teach/courses/${school.python.id}/stats`, "stats", async (main) => {
    await expect(main.getByRole("heading", { level: 1 })).toHaveText(/^Statistics/);
    const enrolments = main.getByRole("img", { name: "Enrolments per week", exact: true });
    await expect(enrolments).toHaveAccessibleDescription(new RegExp(`${STUDENTS.length + COHORT.length} in all`));
  });
});
