// The administration pages: the site in numbers and the migration state,
// the user list with role changes and (de)activation; a deactivated user
// cannot log in and their open session stops working at once; anyone but
// an admin is refused.
import { test, expect } from "@playwright/test";
import { PASSWORD, ADMIN, STUDENT, logIn, checkPage } from "./fixtures.mjs";

async function register(request, username) {
  const response = await request.post("/api/auth/register", {
    data: { username, email: `${username}@example.com`, password: PASSWORD, display_name: `Name of ${username}` },
  });
  expect(response.status()).toBe(201);
}

// The users table's row of `username`, found through the search.
async function userRow(page, username) {
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: "Search users" }).fill(username);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users\\?search=${username}$`));
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: username, exact: true }) });
}

test("the administration page counts the site and shows the migration state", async ({ page }) => {
  await logIn(page, ADMIN);
  await page.getByRole("banner").getByRole("link", { name: "Admin" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 })).toHaveText("Administration");
  for (const label of ["Students", "Instructors", "Admins", "Courses", "Enrolments", "Attempts"]) {
    await expect(main.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) })).toHaveCount(1);
  }
  await expect(main.getByText("Every migration is applied.")).toBeVisible();
  await expect(main.getByRole("heading", { name: "accounts", exact: true })).toBeVisible();
  await expect(main.getByText("Pending", { exact: true })).toHaveCount(0);
  await checkPage(page, "/admin");
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const headers = page.getByRole("columnheader");
  await expect(headers).toHaveText(["Username", "Display name", "Email", "Role", "Active", "Joined", "Actions"]);
  await checkPage(page, "/admin/users");
});

test("an admin changes a user's role", async ({ page, request }) => {
  const name = `promoted_${Date.now()}`;
  await register(request, name);
  await logIn(page, ADMIN);
  const row = await userRow(page, name);
  await expect(row.getByRole("cell").nth(2)).toHaveText("Student");
  await row.getByRole("combobox", { name: "Role" }).selectOption("instructor");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users\\?search=${name}$`));  // back to the same list
  await expect(row.getByRole("cell").nth(2)).toHaveText("Instructor");
  await expect(row.getByRole("combobox", { name: "Role" })).toHaveValue("instructor");
  // The admin's own row offers nothing that would lock them out.
  const own = await userRow(page, ADMIN);
  await expect(own.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  await expect(own.getByRole("combobox", { name: "Role" })).toHaveCount(0);
});

test("a deactivated user is signed out at once and cannot log in", async ({ page, browser, request }) => {
  const name = `leaving_${Date.now()}`;
  await register(request, name);
  const theirs = await browser.newContext();
  const them = await theirs.newPage();
  await logIn(them, name);
  await expect(them).toHaveURL(/\/dashboard$/);
  const login = await request.post("/api/auth/login", { data: { username: name, password: PASSWORD } });
  const { token } = await login.json();
  expect((await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);

  await logIn(page, ADMIN);
  const row = await userRow(page, name);
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("No");
  await expect(row.getByRole("button", { name: "Activate" })).toBeVisible();
  await checkPage(page, `/admin/users?search=${name}`);  // a deactivated user's row

  // Their open session and their token stop working.
  await them.goto("/dashboard");
  await expect(them).toHaveURL(/\/login\?next=%2Fdashboard$/);
  expect((await request.get("/api/me", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
  await logIn(them, name);
  await expect(them.getByText("Wrong username or password")).toBeVisible();

  // Activated again, they log in.
  await row.getByRole("button", { name: "Activate" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Yes");
  await logIn(them, name);
  await expect(them).toHaveURL(/\/dashboard$/);
  await theirs.close();
});

test("a student opening the administration pages is refused", async ({ page, request }) => {
  for (const path of ["/admin", "/admin/users"]) {
    const anonymous = await request.get(path, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(303);
    expect(anonymous.headers()["location"]).toBe(`/login?next=${encodeURIComponent(path)}`);
  }
  await logIn(page, STUDENT);
  await expect(page.getByRole("banner").getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toContain("text/html");
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  await checkPage(page, "/admin");  // the refusal, a page in the layout
  // Its forms too, with a valid anti-CSRF token: nothing changes.
  const csrf = (await page.context().cookies()).find((c) => c.name === "lectern_csrf").value;
  const refused = await page.request.post("/admin/users/1/role", { form: { csrf_token: csrf, role: "admin" }, maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  const me = await page.request.get("/dashboard");
  expect(me.status()).toBe(200);
});
