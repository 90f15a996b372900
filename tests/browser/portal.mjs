// The portal in a real browser (Debian's headless Chromium driven by Playwright) against
// a running local stack: staff invite a contact, the contact accepts from the mailed link,
// sets a password and signs in; the demo client answers the survey and the demo room's
// conversation and uploads a file that staff then see and download; a colleague answers the first-sign-in challenge; errors
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

// Playwright's 30 s default is tight on a loaded 2-core machine; what these steps wait
// for arrives within a second or two when it works at all.
const STEP_TIMEOUT = 90_000;

async function opened(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  return page;
}

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
  // A write that reached the API without its JSON body (seen once under load) says
  // exactly what the browser sent, so the cause can be told from the failure.
  page.on("response", async (response) => {
    if (response.status() !== 400 || !response.url().startsWith(API)) return;
    const text = await response.text().catch(() => "");
    if (!text.includes("must be a JSON object")) return;
    const request = response.request();
    const headers = await request.allHeaders();
    problems.push(`bodiless write: ${request.method()} ${request.url()} content-type=${headers["content-type"]} `
      + `content-length=${headers["content-length"]} sent=${request.postDataBuffer()?.length ?? 0} bytes`);
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
  const page = await opened(context);
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
  await page.getByRole("heading", { name: /^Östberg Family Trust/ }).waitFor();
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
  const page = await opened(context);
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
  const page = await opened(context);
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
  await page.getByRole("heading", { name: /^Östberg Family Trust/ }).waitFor();
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
  const page = await opened(context);
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

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% bank statement 2025\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const STATEMENT = "Bank statement 2025.pdf";
const REPLY = "Thanks! The bank statement is uploaded; last year's assessment follows next week.";

/** Clicks a document's download button and returns the bytes the browser saved. */
async function downloaded(page, name, button = `Download ${name}`) {
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("button", { name: button, exact: true }).click()]);
  check(download.suggestedFilename() === name, `the download of ${name} keeps its name`);
  return readFileSync(await download.path());
}

/** The demo client on a phone: the survey after sign-in, the demo room's conversation
 * (read, answer), a file uploaded straight to S3 and downloaded again. */
async function clientAnswersTheDemoRoom(browser) {
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
  const page = await opened(context);
  const problems = watch(page);
  await page.goto(`${PORTAL}/sign-in`);
  await signIn(page, "norbert@lindqvist.example", "Northwind-Client-2026");
  const survey = page.getByRole("heading", { name: /A few questions for/ });
  await survey.waitFor();
  await visit(page, "phone-client-survey");
  for (const question of await page.locator(".question").all()) await question.getByLabel("Yes").check();
  const [answered] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/me/survey/answers")),
    page.getByRole("button", { name: "Send answers" }).click()]);
  check(answered.status() === 201, `the survey answer is taken (${answered.status()} ${await answered.text()})`);
  await survey.waitFor({ state: "detached" });
  check(true, "the pending survey is answered after sign-in");

  await page.getByRole("link", { name: "2025 tax return" }).click();
  await page.getByRole("heading", { name: "2025 tax return", level: 1 }).waitFor();
  await page.getByText("Welcome to your 2025 tax return room").waitFor();
  check(await page.getByText("1099-B").count() === 0, "a client never sees an internal note");
  check(await page.locator(".message-body strong", { hasText: "W-2" }).count() === 1
    && await page.getByText("**W-2**").count() === 0, "a message's Markdown is shown as emphasis, not as asterisks");
  await page.getByRole("button", { name: "Show 2 replies and answer" }).click();
  await page.getByLabel("Your reply").fill(REPLY);
  await page.getByRole("button", { name: "Send reply" }).click();
  await page.getByRole("list", { name: "Replies" }).getByText(REPLY).waitFor();
  check(true, "the client answers the demo room's conversation");

  await page.getByLabel("File").setInputFiles({ name: STATEMENT, mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await page.getByText(`${STATEMENT} is uploaded.`).waitFor();
  check(true, "the client uploads a file straight to S3");
  check((await downloaded(page, STATEMENT)).equals(PDF), "the client downloads the file it uploaded");
  await visit(page, "phone-client-room");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "a room fits a phone screen");
  await clientFilesAReceipt(page);
  check(problems.length === 0, `no script errors in the client's room (${problems.join("; ")})`);
  await context.close();
}

/** Staff find the room, see the client's reply and their internal note marked as such,
 * tag the thread, download the client's file; then the opportunities board. */
async function staffSeeTheReply(browser) {
  const context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
  const page = await opened(context);
  const problems = watch(page);
  await page.goto(`${PORTAL}/sign-in`);
  await signIn(page, "olivia@northwind.example", "Northwind-Owner-2026");
  await page.getByRole("heading", { name: "Clients" }).waitFor();
  await page.getByRole("link", { name: "Rooms" }).click();
  await page.getByRole("heading", { name: "Rooms" }).waitFor();
  await page.getByLabel("Search rooms").pressSequentially("tax re", { delay: 30 });
  await page.getByRole("list", { name: "Rooms" }).getByRole("link", { name: "2025 tax return" }).waitFor();
  await visit(page, "staff-rooms");
  await page.getByRole("link", { name: "2025 tax return" }).click();
  await page.getByRole("heading", { name: "2025 tax return", level: 1 }).waitFor();
  const note = page.locator(".thread.internal").filter({ hasText: "1099-B" });
  await note.waitFor();
  check(await note.locator(".internal-badge").textContent() === "Internal", "staff see the note marked internal");
  const welcome = page.locator(".thread").filter({ hasText: "Welcome to your 2025 tax return room" });
  await welcome.getByRole("button", { name: "Show 3 replies and answer" }).click();
  await welcome.getByRole("list", { name: "Replies" }).getByText(REPLY).waitFor();
  check(true, "staff see the client's reply");
  await welcome.getByLabel("Internal tags (comma separated)").fill("papers-in");
  await welcome.getByRole("button", { name: "Save tags" }).click();
  await welcome.locator(".internal-tag", { hasText: "papers-in" }).waitFor();
  check(true, "staff tag a thread, shown as an internal tag");
  check((await downloaded(page, STATEMENT)).equals(PDF), "staff download the client's file");
  await staffMoveThePhase(page);
  await visit(page, "staff-room");
  await staffFileTheStatement(page);

  await page.getByRole("link", { name: "Opportunities" }).click();
  await page.getByRole("button", { name: /^Tax return [1-9]\d* open/ }).click();
  await page.getByRole("cell", { name: "Lindqvist Boats" }).waitFor();
  await visit(page, "staff-opportunities");
  await page.getByRole("button", { name: "Open a room for Lindqvist Boats" }).click();
  await page.getByRole("heading", { name: "Tax return for Lindqvist Boats", level: 1 }).waitFor();
  check(true, "staff open a room from an opportunity");
  await staffOpenARoom(page);
  check(problems.length === 0, `no script errors for staff in rooms (${problems.join("; ")})`);
  await context.close();
}

/** The room's phase moved from its select, which gives back the timeline's and the
 *  phase's seals: the client-facing step follows at once. */
async function staffMoveThePhase(page) {
  const progress = page.getByRole("region", { name: "Progress" });
  const current = progress.getByRole("list", { name: "Timeline" }).locator('[aria-current="step"]');
  check(await current.textContent() === "Gathering documents", "the demo room is gathering documents");
  await progress.getByLabel("Phase (internal)").selectOption({ label: "Preparation" });
  await current.filter({ hasText: "Preparing your return" }).waitFor();
  check(await progress.getByLabel("Phase (internal)").inputValue() !== "", "staff move the room's phase: the step follows");
}

/** A room made from the rooms list: its client's name and its members follow from the
 *  table stream a moment after it is made, and the room's page shows them when they do. */
async function staffOpenARoom(page) {
  await page.getByRole("link", { name: "Rooms", exact: true }).click();
  await page.getByRole("heading", { name: "Rooms", level: 1 }).waitFor();
  await page.getByRole("button", { name: "New room" }).click();
  const form = page.getByRole("form", { name: "New room" });
  await form.getByLabel("Client").selectOption({ label: "Östberg Family Trust" });
  await form.getByLabel("Service").selectOption({ label: "Bookkeeping" });
  await form.getByLabel("Room name").fill("2026 books");
  await form.getByRole("button", { name: "Open room" }).click();
  await page.getByRole("heading", { name: "2026 books", level: 1 }).waitFor();
  await page.locator(".lead").getByRole("link", { name: "Östberg Family Trust" }).waitFor();
  check(true, "a new room's page shows its client once the stream has furnished it");
}

const RECEIPT = "Boat receipt 2025.pdf";
const RECEIPT_PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% boat receipt\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const SIGNED = "Bank statement 2025 (signed).pdf";
const SIGNED_PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% bank statement 2025, signed\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** The client's own document area on a phone: a file uploaded into a new folder, found
 * by its folder and by its name, downloaded back. */
async function clientFilesAReceipt(page) {
  await page.getByRole("link", { name: "← Home" }).click();
  const area = page.getByRole("link", { name: /^Documents of / }).first();
  const client = (await area.textContent()).replace("Documents of ", "");
  await area.click();
  await page.getByRole("heading", { name: `Documents of ${client}`, level: 1 }).waitFor();
  const upload = page.getByRole("form", { name: "Upload to the document area" });
  await upload.getByLabel("File").setInputFiles({ name: RECEIPT, mimeType: "application/pdf", buffer: RECEIPT_PDF });
  await upload.getByLabel("Folder").fill("Receipts");
  await upload.getByRole("button", { name: "Upload" }).click();
  await page.getByText(`${RECEIPT} is uploaded.`).waitFor();
  check(true, "the client uploads into a folder of their document area");
  await page.getByRole("navigation", { name: "Folders" }).getByRole("button", { name: "Receipts" }).click();
  await page.getByRole("list", { name: "Documents in Receipts" }).getByText(RECEIPT).waitFor();
  check(true, "the client opens the folder and finds the file there");
  await page.getByLabel("Search by file name").fill("boat rec");
  await page.getByRole("list", { name: "Documents in Receipts" }).getByRole("listitem").first().waitFor();
  check(await page.getByRole("list", { name: "Documents in Receipts" }).getByRole("listitem").count() === 1,
    "searching by file name finds the receipt alone");
  check((await downloaded(page, RECEIPT)).equals(RECEIPT_PDF), "the client downloads the file back from the document area");
  await visit(page, "phone-client-documents");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "the document area fits a phone screen");
}

/** A colleague's change made behind the page's back, with the ETag it reads first. */
async function changedBehindTheFormsBack(page, documentId, body) {
  return page.evaluate(async ({ id, change }) => {
    const token = JSON.parse(localStorage.getItem("atrium.session.northwind")).accessToken;
    const auth = { Authorization: `Bearer ${token}` };
    const read = await fetch(`/documents/${id}`, { headers: auth });
    const patched = await fetch(`/documents/${id}`, { method: "PATCH", body: JSON.stringify(change),
      headers: { ...auth, "Content-Type": "application/json", "If-Match": read.headers.get("ETag") } });
    return patched.status;
  }, { id: documentId, change: body });
}

/** Staff open the client's file: its versions, a new one, rename and move (a colleague's
 * change in between is refused with a 412 said plainly), the trash and back, its access
 * history; then the client's document area and its trail. */
async function staffFileTheStatement(page) {
  await page.getByRole("list", { name: "Documents" }).getByRole("link", { name: STATEMENT }).click();
  await page.getByRole("heading", { name: STATEMENT, level: 1 }).waitFor();
  const versions = page.getByRole("list", { name: "Versions" }).getByRole("listitem");
  await versions.first().waitFor();
  check(await versions.count() === 1 && /Norbert/.test(await versions.first().textContent()),
    "the document's versions name who uploaded each");
  await visit(page, "staff-document");

  const upload = page.getByRole("form", { name: "Upload a new version" });
  await upload.getByLabel("File").setInputFiles({ name: STATEMENT, mimeType: "application/pdf", buffer: SIGNED_PDF });
  await upload.getByRole("button", { name: "Upload new version" }).click();
  await page.getByText(`${STATEMENT} is uploaded.`).waitFor();
  await page.getByRole("button", { name: `Download version 2 of ${STATEMENT}` }).waitFor();
  check(/Current/.test(await versions.nth(1).textContent()), "a new version becomes the current one");
  check((await downloaded(page, STATEMENT, `Download version 1 of ${STATEMENT}`)).equals(PDF), "the first version still downloads");
  check((await downloaded(page, STATEMENT, `Download version 2 of ${STATEMENT}`)).equals(SIGNED_PDF), "the new version downloads");

  const filing = page.getByRole("form", { name: "Rename or move" });
  await filing.getByLabel("File name").fill(SIGNED);
  await filing.getByLabel("Folder").fill("Bank");
  await filing.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { name: SIGNED, level: 1 }).waitFor();
  check(true, "staff rename a document and move it to a folder");
  const documentId = new URL(page.url()).pathname.split("/").pop();
  check(await changedBehindTheFormsBack(page, documentId, { folder: "Statements" }) === 200, "a colleague moves it meanwhile");
  await filing.getByLabel("Folder").fill("Archive");
  await filing.getByRole("button", { name: "Save" }).click();
  await filing.getByRole("alert").getByText("Someone changed this document after you opened it").waitFor();
  check(true, "a stale rename or move (412) is refused with a plain message");
  await filing.getByRole("button", { name: "Load the current version" }).click();
  await page.locator("dd", { hasText: "Statements" }).waitFor();
  check(await filing.getByLabel("Folder").inputValue() === "Statements", "loading the current version shows the colleague's folder");

  await page.getByRole("button", { name: "Move to the trash" }).click();
  await page.getByText("This document is in the trash.").waitFor();
  check(true, "staff move a document to the trash");
  await page.getByRole("link", { name: "Document trash" }).click();
  await page.getByRole("button", { name: `Restore ${SIGNED}` }).waitFor();
  await visit(page, "staff-document-trash");
  await page.getByRole("button", { name: `Restore ${SIGNED}` }).click();
  await page.getByRole("status").getByText("is restored.").waitFor();
  check(true, "staff restore a document from the trash");
  await page.getByRole("status").getByRole("link", { name: SIGNED }).click();
  await page.getByRole("heading", { name: SIGNED, level: 1 }).waitFor();
  const history = page.getByRole("region", { name: "Access history" });
  await history.getByRole("row", { name: /Restored.*Olivia/ }).waitFor(); // staff names arrive with the staff list
  const said = await history.textContent();
  check(["Uploaded a new version", "Downloaded", "renamed from", "Moved", "Put in the trash", "Olivia"].every((w) => said.includes(w)),
    "the access history says who did what");

  await page.getByRole("link", { name: "← The client's documents" }).click();
  await page.getByRole("heading", { name: /^Documents of / , level: 1 }).waitFor();
  await page.getByRole("navigation", { name: "Folders" }).getByRole("button", { name: "Statements" }).waitFor();
  await page.getByLabel("Search by file name").fill("signed");
  await page.getByRole("list", { name: "Documents" }).getByRole("link", { name: SIGNED }).waitFor();
  check(true, "staff search a client's document area by file name");
  await visit(page, "staff-client-documents");
  await page.getByRole("link", { name: "Document trail" }).click();
  const trail = page.getByRole("region", { name: /^Document trail/ });
  await trail.getByText(SIGNED).first().waitFor();
  check(/127\.0\.0\.1/.test(await trail.textContent()), "the document trail shows where each action came from");
  await visit(page, "staff-document-trail");
}

/** The owner shows or hides a tool of the portal, through the API. */
async function showTool(tool, visible) {
  const login = await fetch(`${API}/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ slug: "northwind", email: "olivia@northwind.example", password: "Northwind-Owner-2026" }) });
  const { access_token: token } = await login.json();
  const changed = await fetch(`${API}/firm/portal-options`, { method: "PATCH",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ tools: { [tool]: visible } }) });
  if (!changed.ok) throw new Error(`portal options: ${changed.status} ${await changed.text()}`);
}

/** With the documents tool hidden, the client's home offers no document area, the area's
 * address says documents are not shared, and a room shows no documents section. Runs
 * alone, after the other flows, and shows the tool again. */
async function clientWithoutTheDocumentsTool(browser) {
  await showTool("documents", false);
  const context = await browser.newContext(DESKTOP);
  const page = await opened(context);
  const problems = watch(page);
  try {
    await page.goto(`${PORTAL}/sign-in`);
    await signIn(page, "norbert@lindqvist.example", "Northwind-Client-2026");
    await page.getByRole("heading", { name: /^Lindqvist Boats/, level: 3 }).waitFor();
    await page.getByRole("link", { name: "2025 tax return" }).waitFor();
    check(await page.getByRole("link", { name: /^Documents of / }).count() === 0, "a hidden documents tool is not offered at home");
    const clientId = await page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem("atrium.session.northwind")).accessToken;
      return (await (await fetch("/me", { headers: { Authorization: `Bearer ${token}` } })).json()).client_ids[0];
    });
    await page.goto(`${PORTAL}/clients/${clientId}/documents`);
    await page.getByText("Your firm does not share documents in this portal.").waitFor();
    check(true, "the document area's address says documents are not shared when the tool is hidden");
    await visit(page, "client-documents-hidden");
    await page.getByRole("link", { name: "← Home" }).click();
    const [listed] = await Promise.all([page.waitForResponse((r) => /\/rooms\/\w+\/documents\b/.test(r.url())),
      page.getByRole("link", { name: "2025 tax return" }).click()]);
    await page.getByRole("heading", { name: "Conversation" }).waitFor();
    check(listed.status() === 404, "the API answers 404 for a room's documents when the tool is hidden");
    check(await page.getByRole("heading", { name: "Documents" }).count() === 0, "a room shows no documents when the tool is hidden");
    check(problems.length === 0, `no script errors with the documents tool hidden (${problems.join("; ")})`);
  } finally {
    await context.close();
    await showTool("documents", true);
  }
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
  await Promise.all([colleagueAnswersTheChallenge(browser), clientAcceptsTheInvitation(browser), phoneSizedClient(browser),
    clientAnswersTheDemoRoom(browser).then(() => staffSeeTheReply(browser))]);
  await clientWithoutTheDocumentsTool(browser);
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(JSON.stringify(report));
} catch (error) {
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      const name = `failed-${new URL(page.url()).pathname.replace(/\W+/g, "-")}.png`;
      await page.screenshot({ path: resolve(ARTIFACTS, name), fullPage: true }).catch(() => {});
    }
  }
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
