// Starts `lectern serve` on a scratch database for the browser tests and
// fills it through the API and the CLI: an admin, an instructor with 25
// published courses (so the catalogue has two pages), a student. Returns
// the teardown (stop the server, drop the scratch database). Its pieces are
// exported for screenshots.spec.mjs, which runs a school of its own.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PASSWORD, INSTRUCTOR, STUDENT, ADMIN, COURSE_COUNT, LOGIN_ATTEMPTS_PER_USER } from "./fixtures.mjs";

export function scratchDatabase() {
  if (process.env.LECTERN_WEB_BACKEND === "postgres") {
    const url = process.env.LECTERN_TEST_POSTGRES_URL;
    if (!url) throw new Error("LECTERN_WEB_BACKEND=postgres needs LECTERN_TEST_POSTGRES_URL");
    const name = `lectern_web_${process.pid}_${Date.now()}`;
    execFileSync("psql", [url, "-q", "-c", `CREATE DATABASE ${name}`]);
    const scratch = url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    return { url: scratch, drop: () => execFileSync("psql", [url, "-q", "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
  }
  const dir = mkdtempSync(join(tmpdir(), "lectern-web-"));
  return { url: `sqlite:///${dir}/web.db`, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

export function lectern(database, args, input) {
  return execFileSync(process.env.LECTERN_BINARY, ["--database", database, ...args], {
    input, stdio: ["pipe", "pipe", "inherit"],
  }).toString();
}

export function startServer(binary, database, logName = "server.log") {
  // The access log goes to a file: a pipe held by the server would keep
  // whoever reads this process's output waiting after a failure.
  const logDir = process.env.LECTERN_WEB_OUTPUT || "test-results";
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, logName), "w");
  const server = spawn(binary, [
    "--database", database, "serve", "--listen", "127.0.0.1:0", "--password-cost", "minimal",
    "--threads", "2", "--handler-threads", "4",
    // Many logins from one address in the tests; the per-user limit is the one tried.
    "--login-attempts-per-address", "100000", "--login-attempts-per-user", String(LOGIN_ATTEMPTS_PER_USER),
  ], { stdio: ["ignore", "pipe", log] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("lectern serve did not start: " + out)), 60_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /serving on (http:\/\/[^/]+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ server, base: match[1] });
      }
    });
    server.on("exit", (code) => reject(new Error(`lectern serve exited with ${code}: ${out}`)));
  });
}

export async function api(base, method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export default async function globalSetup() {
  const binary = process.env.LECTERN_BINARY;
  if (!binary) throw new Error("LECTERN_BINARY must name the lectern binary");
  const database = scratchDatabase();
  lectern(database.url, ["migrate"]);
  lectern(database.url, ["createuser", "--username", ADMIN, "--role", "admin", "--password-stdin"], PASSWORD + "\n");
  const { server, base } = await startServer(binary, database.url);
  process.env.LECTERN_WEB_BASE_URL = base;
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
    database.drop();
  };
  try {
    await seed(base);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

async function seed(base) {
  await api(base, "POST", "/api/auth/register", {
    username: INSTRUCTOR, email: `${INSTRUCTOR}@example.com`, password: PASSWORD,
    display_name: "Ada Teacher", role: "instructor",
  });
  await api(base, "POST", "/api/auth/register", {
    username: STUDENT, email: `${STUDENT}@example.com`, password: PASSWORD, display_name: "Sam Student",
  });
  const { token } = await api(base, "POST", "/api/auth/login", { username: INSTRUCTOR, password: PASSWORD });
  for (let n = 1; n <= COURSE_COUNT; ++n) {
    const jazz = n === 1;
    const course = await api(base, "POST", "/api/courses", {
      title: jazz ? "Jazz Improvisation" : `Course number ${n}`,
      description: jazz ? "Scales, modes and phrasing.\n\nFor players who know their chords." : `The ${n}th course.`,
      level: jazz ? "beginner" : n % 2 ? "intermediate" : "advanced",
      price_cents: jazz ? 0 : 1999,
    }, token);
    const module = await api(base, "POST", `/api/courses/${course.id}/modules`, { title: "Getting started", position: 1 }, token);
    await api(base, "POST", `/api/modules/${module.id}/lessons`, {
      title: "Welcome", content: "Hello **there**.", duration_minutes: 5, position: 1, is_free_preview: true,
    }, token);
    await api(base, "POST", `/api/modules/${module.id}/lessons`, {
      title: "Second steps", content: "More.", duration_minutes: 10, position: 2,
    }, token);
    await api(base, "POST", `/api/courses/${course.id}/publish`, null, token);
  }
  // A draft: never in the catalogue, a 404 to anyone else.
  await api(base, "POST", "/api/courses", { title: "Secret draft", slug: "secret-draft" }, token);
}
