// The browser tests: Debian's Chromium (chromium.mjs) against a real
// `lectern serve` that global-setup.mjs starts on a scratch database
// (SQLite, or PostgreSQL with LECTERN_WEB_BACKEND=postgres).
import { defineConfig } from "@playwright/test";
import { launchOptions } from "./chromium.mjs";

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.mjs/,
  globalSetup: "./global-setup.mjs",
  // One worker: the machine is small and the server is a sanitizer build.
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.LECTERN_WEB_OUTPUT || "test-results",
  use: {
    launchOptions,
    baseURL: process.env.LECTERN_WEB_BASE_URL,
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
  },
});
