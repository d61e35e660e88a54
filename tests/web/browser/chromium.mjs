// How the browser tests start Debian's Chromium: never a downloaded browser,
// no network of its own (the machine's closed network refuses it anyway).
export const launchOptions = {
  executablePath: process.env.LECTERN_CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
