// The portal in a real browser (Debian's headless Chromium driven by Playwright) against
// a running local stack: staff invite a contact, the contact accepts from the mailed link,
// sets a password and signs in; a colleague answers the first-sign-in challenge; errors
// land next to their fields; tokens refresh silently; a phone-sized client run; axe-core
// on every page. Prints one JSON line of what it checked; exits non-zero on a failure.
//
// env: PORTAL_API (the stack's address), PORTAL_MOTO (its embedded AWS), PORTAL_ARTIFACTS
// (screenshots), CHROMIUM (the browser binary).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const web = createRequire(resolve(here, "../../web/package.json"));
const { chromium } = web("playwright-core");
const AXE = readFileSync(web.resolve("axe-core/axe.min.js"), "utf8");

const API = process.env.PORTAL_API;
const MOTO = process.env.PORTAL_MOTO;
const ARTIFACTS = process.env.PORTAL_ARTIFACTS ?? resolve(here, "artifacts");
const PORTAL = `${API}/portal/northwind`;
const STRONG = "Portal-Browser-2026!";
const DESKTOP = { viewport: { width: 1280, height: 860 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const report = { pages: [], screenshots: [], checks: [] };

function check(ok, what) {
  if (!ok) throw new Error(`check failed: ${what}`);
  report.checks.push(what);
}

/** axe-core inside the page (evaluated, so the page's strict CSP stays on). */
async function accessible(page, name) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length) throw new Error(`axe on ${name}: ${JSON.stringify(serious)}`);
  report.pages.push({ name, minor_violations: violations.length });
}

async function shot(page, name) {
  const file = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.screenshots.push(file);
}

/** Callers first wait for what the page must show; then no request may still be open. */
async function visit(page, name) {
  await page.waitForFunction(() => !document.querySelector("p[role=status]")?.textContent?.startsWith("Loading"));
  await accessible(page, name);
  await shot(page, name);
}

/** Fails on script errors and CSP refusals. The API's 4xx answers that the tests provoke
 * (a refused sign-in, a bad colour, a stale token) are logged by Chromium too: expected. */
function watch(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (message.type() === "error" && !/status of 4\d\d/.test(text)) problems.push(`console: ${text}`);
  });
  return problems;
}

async function mailTo(address, pattern) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const data = await (await fetch(`${MOTO}/moto-api/data.json`)).json();
    for (const message of data.ses?.Message ?? []) {
      const found = JSON.stringify(message.destinations).includes(address) && String(message.body).match(pattern);
      if (found) return found[1];
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`no mail to ${address} matching ${pattern}`);
}

async function signIn(page, email, password) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function staffInvitesAContact(browser) {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${PORTAL}/sign-in`);
  await page.getByRole("heading", { name: "Sign in to Northwind Advisory" }).waitFor();
  await visit(page, "staff-sign-in");

  await signIn(page, "olivia@northwind.example", "wrong-password-1A!");
  await page.getByRole("alert").waitFor();
  check(await page.getByRole("alert").isVisible(), "a refused sign-in says so");
  await signIn(page, "olivia@northwind.example", "Northwind-Owner-2026");
  await page.getByRole("heading", { name: "Clients" }).waitFor();
  check(page.url().endsWith("/portal/northwind/clients"), "staff land on the client list");
  await visit(page, "staff-clients");

  await page.getByLabel("Search clients").pressSequentially("östb", { delay: 40 });
  await page.getByText("matching “östb”").waitFor();
  const rows = page.getByRole("list", { name: "Clients" }).getByRole("listitem");
  check(await rows.count() === 1, "search as you type narrows the list to one client");
  await page.getByRole("link", { name: "Östberg Family Trust" }).click();
  await page.getByRole("heading", { name: "Östberg Family Trust" }).waitFor();
  const olga = page.getByRole("form", { name: "Portal invitation for Olga" });
  await olga.getByLabel("To").selectOption("olga@ostberg.example");
  await olga.getByRole("button", { name: "Invite to portal" }).click();
  await page.getByText("Invitation sent to olga@ostberg.example.").waitFor();
  await page.getByText("Expires").waitFor();
  check(await page.locator(".contact .status-pending").count() === 1, "the contact shows a pending invitation");
  await visit(page, "staff-client");

  await page.getByRole("link", { name: "Portal adoption" }).click();
  await page.getByRole("heading", { name: "Portal adoption" }).waitFor();
  await page.getByRole("row", { name: /All clients/ }).waitFor();
  await visit(page, "staff-adoption");

  await page.getByRole("link", { name: "Firm settings" }).click();
  await page.getByLabel("Colour").fill("navy");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.locator('input[aria-invalid="true"]').waitFor();
  check(await page.getByLabel("Colour").getAttribute("aria-invalid") === "true", "a bad colour marks its field invalid");
  const colourError = page.locator("#" + (await page.getByLabel("Colour").getAttribute("aria-describedby")).split(" ")[0]);
  check(/pattern/i.test(await colourError.textContent()), "the API's message for branding.colour sits under Colour");
  await page.getByLabel("Colour").fill("#0B3D5C");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByText("Settings saved.").waitFor();
  await visit(page, "staff-settings");

  await page.getByRole("link", { name: "Staff" }).click();
  await page.getByRole("heading", { name: "Invite a colleague" }).waitFor();
  await page.getByLabel("Name").fill("Nina Newcomb");
  await page.getByLabel("Email").fill("nina@northwind.example");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText("Nina Newcomb is invited").waitFor();
  await visit(page, "staff-list");

  await refreshesAndSignsOut(page);
  check(problems.length === 0, `no script errors or CSP refusals for staff (${problems.join("; ")})`);
  await context.close();
}

/** A stale access token is renewed without a word; a refused refresh ends the session. */
async function refreshesAndSignsOut(page) {
  const key = "atrium.session.northwind";
  await page.evaluate((k) => {
    const session = JSON.parse(localStorage.getItem(k));
    localStorage.setItem(k, JSON.stringify({ ...session, accessToken: "stale", expiresAt: Date.now() + 3_600_000 }));
  }, key);
  await page.reload();
  await page.getByRole("heading", { name: "Staff", exact: true }).waitFor();
  const renewed = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).accessToken, key);
  check(renewed !== "stale", "a refused access token is refreshed silently and the page loads");
  await page.evaluate((k) => {
    const session = JSON.parse(localStorage.getItem(k));
    localStorage.setItem(k, JSON.stringify({ ...session, accessToken: "stale", refreshToken: "revoked" }));
  }, key);
  await page.reload();
  await page.getByText("Your session has ended. Please sign in again.").waitFor();
  check(page.url().endsWith("/portal/northwind/sign-in"), "a refused refresh signs out to the sign-in page");
  check(await page.evaluate((k) => localStorage.getItem(k), key) === null, "nothing of the session is kept");
}

async function colleagueAnswersTheChallenge(browser) {
  const temporary = await mailTo("nina@northwind.example", /temporary password: ([A-Za-z0-9!]+)/);
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${PORTAL}/sign-in`);
  await signIn(page, "nina@northwind.example", temporary);
  await page.getByRole("heading", { name: "Choose your password" }).waitFor();
  await visit(page, "staff-new-password");
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await page.locator(".field-error").waitFor();
  check(await page.getByLabel("New password").getAttribute("aria-invalid") === "true", "a weak new password is refused at its field");
  await page.getByLabel("New password").fill(STRONG);
  await page.getByRole("button", { name: "Save and sign in" }).click();
  await page.getByRole("heading", { name: "Clients" }).waitFor();
  check(true, "the new-password challenge signs a colleague in");
  check(problems.length === 0, `no script errors for the colleague (${problems.join("; ")})`);
  await context.close();
}

async function clientAcceptsTheInvitation(browser) {
  const link = await mailTo("olga@ostberg.example", /href="([^"]*\/portal\/northwind\/invitations\/[^"]+)"/);
  check(link.startsWith(`${API}/portal/`), "the mailed link opens the local portal");
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(link);
  await page.getByRole("heading", { name: "Welcome, Olga" }).waitFor();
  check(await page.getByText("Northwind Advisory invited you").isVisible(), "the invitation names the firm");
  const brand = await page.evaluate(() => getComputedStyle(document.querySelector(".top")).backgroundColor);
  check(brand === "rgb(11, 61, 92)", "the invitation carries the firm's colour");
  await visit(page, "client-invitation");
  await page.reload();
  await page.getByRole("heading", { name: "Welcome, Olga" }).waitFor();
  check(true, "opening the link again still works: reading it spent nothing");

  await page.getByLabel("Choose a password").fill("password");
  await page.getByRole("button", { name: "Open my portal" }).click();
  await page.locator(".field-error").waitFor();
  check(await page.getByLabel("Choose a password").getAttribute("aria-invalid") === "true", "a weak password is refused next to its field");
  await page.getByLabel("Choose a password").fill(STRONG);
  await page.getByRole("button", { name: "Open my portal" }).click();
  await page.getByRole("heading", { name: "Hello, Olga" }).waitFor();
  await page.getByRole("heading", { name: "Östberg Family Trust" }).waitFor();
  await visit(page, "client-home");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You are signed out.").waitFor();
  await signIn(page, "olga@ostberg.example", STRONG);
  await page.getByRole("heading", { name: "Hello, Olga" }).waitFor();
  check(true, "the client signs in again with the chosen password");
  await page.goto(link);
  await page.getByRole("heading", { name: "This invitation cannot be used" }).waitFor();
  await visit(page, "client-invitation-used");
  check(problems.length === 0, `no script errors for the client (${problems.join("; ")})`);
  await context.close();
}

async function phoneSizedClient(browser) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${PORTAL}/sign-in`);
  await page.getByRole("heading", { name: "Sign in to Northwind Advisory" }).waitFor();
  await visit(page, "phone-sign-in");
  await signIn(page, "norbert@lindqvist.example", "Northwind-Client-2026");
  await page.getByRole("heading", { name: "Hello, Norbert" }).waitFor();
  await page.getByRole("heading", { name: "Lindqvist Boats" }).waitFor();
  await visit(page, "phone-client-home");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "nothing is wider than a phone screen");
  const button = await page.getByRole("button", { name: "Sign out" }).boundingBox();
  check(button && button.height >= 44, "buttons are big enough to tap");
  await page.goto(await mailTo("cora@lindqvistboats.example", /href="([^"]*\/invitations\/[^"]+)"/));
  await page.getByRole("heading", { name: "Welcome, Cora" }).waitFor();
  await visit(page, "phone-invitation");
  await page.goto(`${API}/portal/`);
  await page.getByLabel("Firm's portal name").fill("northwind");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Hello, Norbert" }).waitFor();
  check(true, "the portal's front door leads to the firm and keeps the session");
  check(problems.length === 0, `no script errors on the phone (${problems.join("; ")})`);
  await context.close();
}

async function securityHeaders() {
  const response = await fetch(`${PORTAL}/sign-in`);
  const csp = response.headers.get("content-security-policy") ?? "";
  check(csp.includes("script-src 'self'") && !csp.includes("unsafe"), "the portal is served with a strict CSP");
  check(response.headers.get("referrer-policy") === "no-referrer", "invitation tokens in the URL never leave as a Referer");
}

mkdirSync(ARTIFACTS, { recursive: true });
const started = Date.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
});
try {
  await securityHeaders();
  await staffInvitesAContact(browser);
  await Promise.all([colleagueAnswersTheChallenge(browser), clientAcceptsTheInvitation(browser), phoneSizedClient(browser)]);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(JSON.stringify(report));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
