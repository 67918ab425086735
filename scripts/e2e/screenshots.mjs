#!/usr/bin/env node
// Takes the README screenshots in a real VS Code (code-server) with the extension installed:
//   docs/images/problems.png     a quality gate with a broken trace link and the Problems panel
//   docs/images/hover.png        the hover on a trace link (target title, kind, tags, summary)
//   docs/images/coverage.png     the Assessment Coverage view opened down to a section's questions,
//                                with the ALTAI status bar item
//   docs/images/altai-hover.png  the hover on a quoted ALTAI question (id, requirement, section,
//                                addressed or not)
//   docs/images/completion.png   completion of a new section's ALTAI questions, with details
//   docs/images/suspect-trace.png a suspect trace (docs/review.md): the gate marked reviewed with the
//                                CLI, its link target edited since, and the diff on the link's hover
//   docs/images/comparison.png   (--workspace multi-assessment) "Compare with..." of two versions in
//                                the Markdown preview, with the active assessment in the status bar
// Unlike run-code-server.mjs this starts code-server WITHOUT the smoke-test driver flag, so the
// workbench looks as users see it. The extension is installed as a symlink named
// mqg4ai.mqg4ai-<version> in a fresh extensions dir, or from a .vsix with `--vsix <file>` (which
// also proves that the packaged extension installs and activates). The sample workspace is a
// copy; the completion shot edits it without saving.
//
// Usage: node scripts/e2e/screenshots.mjs [--vsix file.vsix] [--out docs/images] [--only coverage,completion]
//        [--workspace multi-assessment] (the fixture; each shot belongs to one)
// Needs scripts/e2e/install-code-server.sh and a built dist/ (npm run screenshots does both).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cleanup,
  copyWorkspace,
  exit,
  installedTools,
  launchBrowser,
  log,
  makeScratch,
  packageJson,
  projectRoot,
  registerCleanup,
  startCodeServer,
  tail,
  workspaceName,
} from './codeServer.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const vsix = option('--vsix');
const outDir = path.resolve(projectRoot, option('--out') ?? 'docs/images');
const screenshotSettings = { 'editor.stickyScroll.enabled': false };
const BROKEN_DOC = 'QG_Calibration_(BinaryClassification).md';
const BROKEN_LINE = 34;

async function main() {
  const started = Date.now();
  const pkg = packageJson();
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  const scratch = makeScratch('shots');
  // Sticky headings over the first lines would hide the context of the pictured line.
  const settingsFile = path.join(scratch, 'user-data/User/settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, ...screenshotSettings }, null, 2));
  if (process.env.MQG4AI_E2E_KEEP === '1') log(`scratch folder (kept): ${scratch}`);
  else registerCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const name = workspaceName();
  const workspace = await copyWorkspace(scratch, { name });
  const extensionsDir = path.join(scratch, 'extensions');

  if (vsix) {
    const tools = installedTools();
    log(`installing ${vsix} with code-server --install-extension`);
    execFileSync(
      tools.node,
      [tools.codeServer, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratch, 'user-data'), '--install-extension', path.resolve(vsix)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
          XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
          PATH: `${path.dirname(tools.node)}:${process.env.PATH}`,
        },
      },
    );
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${extensionId}-`));
    if (installed.length !== 1)
      throw new Error(`${extensionId} is not in ${extensionsDir} after --install-extension: ${fs.readdirSync(extensionsDir).join(', ')}`);
    log(`installed as ${installed[0]}`);
  } else {
    for (const f of ['dist/client.js', 'dist/server.js']) {
      if (!fs.existsSync(path.join(projectRoot, f))) throw new Error(`${f} is missing: run node esbuild.mjs first`);
    }
    fs.symlinkSync(projectRoot, path.join(extensionsDir, `${extensionId}-${pkg.version}`), 'dir');
  }

  const server = await startCodeServer(scratch, { smokeTestDriver: false });
  const context = await launchBrowser(scratch);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 860 });
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor();
    await page.waitForTimeout(3000);
    await dismissNotifications(page);
    fs.mkdirSync(outDir, { recursive: true });
    for (const [shot, take, fixture = 'sample-assessment'] of SHOTS) {
      if ((only && !only.includes(shot)) || fixture !== name) continue;
      const t = Date.now();
      await dismissNotifications(page);
      await take(page, workspace);
      await page.mouse.move(5, 300);
      log(`${shot}: ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    const shot = path.join(projectRoot, 'out', 'e2e', 'screenshots-failure.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot }).catch(() => {});
    log(`failed; workbench screenshot at ${shot}; code-server log:\n${tail(server.logFile)}`);
    throw error;
  }
}

async function save(page, name) {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  log(`wrote ${file}`);
}

/** problems.png: the quality gate with the misspelt link, its squiggle and the Problems panel. */
async function problemsShot(page) {
  await openFile(page, BROKEN_DOC);
  await gotoLine(page, BROKEN_LINE);
  // The language server has published when the squiggle is there.
  await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
  log('diagnostics are shown in the editor');

  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
  // Select the misspelt link's problem: the editor reveals it and the row is highlighted.
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'link.missing-file' }).first().click();
  await page.waitForTimeout(1000);
  await dismissNotifications(page);
  await page.mouse.move(5, 300);
  await save(page, 'problems');
  // Close the panel again for the next shots.
  await page.keyboard.press('Control+J');
  await page.waitForTimeout(300);
}

/** hover.png: the hover on a trace link (target title, kind, tags, summary). */
async function hoverShot(page) {
  await openFile(page, BROKEN_DOC);
  await gotoLine(page, 17);
  const link = page.locator('.editor-instance .view-line span', { hasText: 'TrainingSetup' }).last();
  await hoverOver(page, link, 'Training Setup');
  await growHover(page);
  await save(page, 'hover');
}
const TRS_DOC = 'TechnicalRobustnessSafety.md';

/** coverage.png: the Assessment Coverage view, opened a little, and the ALTAI status bar item. */
async function coverageShot(page) {
  await openFile(page, TRS_DOC);
  await runCommand(page, null, 'MQG4AI: Show Assessment Coverage');
  const sidebar = page.locator('.part.sidebar');
  const row = (text) => sidebar.locator('.monaco-list-row', { hasText: text }).first();
  await row('Trustworthy AI (ALTAI)').waitFor({ timeout: 60_000 });
  await page
    .locator('.statusbar-item', { hasText: /ALTAI \d+\/\d+/ })
    .first()
    .waitFor({ timeout: 30_000 });
  // Wide enough for the labels and their counts; put back afterwards.
  const width = await sidebarWidth(page);
  await setSidebarWidth(page, 560);
  await expand(row('Trustworthy AI (ALTAI)'));
  await expand(row('Technical Robustness and Safety'));
  await expand(row('Accuracy'));
  // Selecting a section opens its heading in the editor.
  await row('Accuracy').locator('.label-name').click();
  await page.waitForTimeout(1000);
  await page.mouse.move(5, 300);
  await page.waitForTimeout(500);
  await save(page, 'coverage');
  await setSidebarWidth(page, width);
}
/** altai-hover.png: the hover on a quoted ALTAI question (id, requirement, section, addressed). */
async function altaiHoverShot(page) {
  await openFile(page, TRS_DOC);
  await gotoLine(page, 25);
  const question = page.locator('.editor-instance .view-line span', { hasText: 'series of steps to monitor' }).last();
  await hoverOver(page, question, 'ALTAI question');
  await save(page, 'altai-hover');
}

/** completion.png: a new section's `ALTAI:` block, with the section's questions offered. */
async function completionShot(page) {
  await openFile(page, TRS_DOC);
  await page.keyboard.press('Control+End');
  for (const line of ['', '', '##### General Safety', 'ALTAI:']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('> - ');
  // Typing may open the list by itself; close it while scrolling, where Ctrl+Down would move
  // its selection instead.
  const widget = page.locator('.suggest-widget.visible');
  await page.waitForTimeout(1500);
  const closeSuggest = async () => {
    for (let i = 0; i < 5 && (await widget.count()) > 0; i++) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
    }
  };
  await closeSuggest();
  // Scroll the new lines up to the middle so the list and its details have room below them.
  const cursorTop = () =>
    page
      .locator('.editor-instance .cursors-layer .cursor')
      .first()
      .evaluate((e) => e.getBoundingClientRect().top);
  for (let i = 0; i < 40 && (await cursorTop()) > 480; i++) {
    await closeSuggest();
    await page.keyboard.press('Control+ArrowDown');
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  await closeSuggest();
  // Ask until the server's questions are in the list (right after start-up only snippets are).
  const question = widget.locator('.monaco-list-row', { hasText: 'Did you' }).first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('Control+Space');
    try {
      await question.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await closeSuggest();
      await page.waitForTimeout(1000);
    }
  }
  // The selected question's details (id, full text, origin) beside the list: VS Code shows them
  // when they were shown last; Ctrl+Space toggles them.
  const details = page.locator('.suggest-details .docs', { hasText: 'TRS.' }).first();
  try {
    await details.waitFor({ timeout: 3_000 });
  } catch {
    await page.keyboard.press('Control+Space');
    await details.waitFor({ timeout: 10_000 });
  }
  // The details are laid out again once the item is resolved; show them laid out in full.
  await page.waitForTimeout(1000);
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(500);
  await page.keyboard.press('ArrowUp');
  await page.waitForTimeout(1000);
  const selected = await widget.locator('.monaco-list-row.focused').first().textContent();
  if (!selected?.includes('Did you define risks')) log(`completion: the first question is not selected: ${selected}`);
  await page.mouse.move(5, 300);
  await page.waitForTimeout(800);
  await save(page, 'completion');
  await page.keyboard.press('Escape');
}

/** comparison.png: v2 made the active assessment, then "Compare with..." v1, in the Markdown preview. */
async function comparisonShot(page) {
  // The extension is up when its assessment item is in the status bar.
  await page.locator('.statusbar-item', { hasText: 'No assessment' }).first().waitFor({ timeout: 60_000 });
  await runCommand(page, null, 'MQG4AI: Show Assessment Coverage');
  const sidebar = page.locator('.part.sidebar');
  await sidebar.locator('.monaco-list-row', { hasText: 'v2_Triage_(Rollout)' }).first().waitFor({ timeout: 60_000 });
  await runCommand(page, null, 'MQG4AI: Select Active Assessment');
  await pick(page, 'v2_Triage_(Rollout)');
  await page.locator('.statusbar-item', { hasText: 'v2_Triage_(Rollout)' }).first().waitFor({ timeout: 30_000 });
  await page
    .locator('.statusbar-item', { hasText: /ALTAI \d+\/\d+/ })
    .first()
    .waitFor({ timeout: 30_000 });
  await runCommand(page, null, 'MQG4AI: Compare with...');
  await pick(page, 'v1_Triage_(Pilot)');
  await page.locator('.tabs-container .tab', { hasText: 'v1_Triage_(Pilot) → v2_Triage_(Rollout)' }).first().waitFor({ timeout: 30_000 });
  // The preview is a webview: give it time to render.
  await page.waitForTimeout(3000);
  await page.mouse.move(5, 300);
  await save(page, 'comparison');
}

/** Types `text` into the open quick pick and accepts the first match. */
async function pick(page, text) {
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 10_000 });
  await input.fill(text);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** [name, take, fixture (default sample-assessment)] */
const SHOTS = [
  ['problems', problemsShot],
  ['hover', hoverShot],
  ['coverage', coverageShot],
  ['altai-hover', altaiHoverShot],
  ['completion', completionShot],
  ['suspect-trace', suspectTraceShot],
  ['comparison', comparisonShot, 'multi-assessment'],
];
const only = option('--only')?.split(',');

/**
 * suspect-trace.png: the Calibration gate marked reviewed (`mqg4ai review mark`), then the
 * Training Setup gate it links to edited on disk: the hover on the link shows what changed.
 */
async function suspectTraceShot(page, workspace) {
  const gate = path.join(workspace, '2_Lifecycle/2_Development/2_Model_Evaluation', BROKEN_DOC);
  const target = path.join(workspace, '2_Lifecycle/2_Development/1_Model_Training/QG_TrainingSetup_(BinaryClassification).md');
  // `.mqg4ai/` marks the workspace folder for the command line (the stamps go there).
  fs.mkdirSync(path.join(workspace, '.mqg4ai'), { recursive: true });
  execFileSync(process.execPath, [path.join(projectRoot, 'dist/cli.js'), 'review', 'mark', gate, '--by', 'A. Reviewer'], { cwd: workspace, stdio: 'ignore' });
  const text = fs.readFileSync(target, 'utf8');
  fs.writeFileSync(
    target,
    text
      .replace('about 6 % of the images are positive.', 'about 9 % of the images are positive after the second site joined.')
      .replace('A trained model, its training log and the random seeds needed to reproduce it.', 'A trained model and its training log.'),
  );
  await openFile(page, BROKEN_DOC);
  await gotoLine(page, 17);
  const link = page.locator('.editor-instance .view-line span', { hasText: 'TrainingSetup' }).last();
  await hoverOver(page, link, 'Suspect trace');
  await growHover(page);
  await save(page, 'suspect-trace');
}

/** Opens a workspace file by name with Quick Open and focuses its editor. */
async function openFile(page, name) {
  await runCommand(page, null, name, { palette: false });
  const tab = page.locator('.tabs-container .tab.active', { hasText: name });
  await tab.waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.locator('.editor-instance .view-lines').first().click();
}

/**
 * Rests the mouse on `target` until a hover containing `text` shows. The mouse leaves and comes
 * back until it does: a hover asked for before the language server is ready is never re-asked.
 */
async function hoverOver(page, target, text) {
  await target.waitFor({ timeout: 10_000 });
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const box = await target.boundingBox();
    if (!box) throw new Error(`${text}: the text to hover is not visible`);
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2, { steps: 2 });
    try {
      await hover.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.mouse.move(5, 300);
      await page.waitForTimeout(500);
    }
  }
  await page.waitForTimeout(500);
  return hover;
}

/**
 * Makes a hover shown above its line as tall as its content (up to the editor's top) by dragging
 * its top edge, as a user would: VS Code caps a new hover at a quarter of the editor's height.
 */
async function growHover(page) {
  const widget = page.locator('.monaco-resizable-hover', { has: page.locator('.monaco-hover:not(.hidden)') }).first();
  const sash = widget.locator('.monaco-sash.orthogonal-edge-north:not(.disabled)').first();
  if ((await sash.count()) === 0) return;
  const contents = widget.locator('.monaco-hover-content').first();
  const { scroll, client } = await contents.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight }));
  const missing = scroll - client;
  if (missing <= 0) return;
  const editorTop = (await page.locator('.editor-instance .monaco-editor').first().boundingBox()).y;
  const box = await sash.boundingBox();
  const y = box.y + box.height / 2;
  const x = box.x + box.width / 3;
  const targetY = Math.max(editorTop + 4, y - missing - 8);
  await page.mouse.move(x, y + 6, { steps: 3 });
  await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(x, targetY, { steps: 10 });
  await page.mouse.up();
  await page.waitForTimeout(500);
}

async function sidebarWidth(page) {
  return (await page.locator('.part.sidebar').boundingBox()).width;
}

/** Drags the sash between the side bar and the editor until the side bar is `width` wide. */
async function setSidebarWidth(page, width) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const edge = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(edge - 1, y, { steps: 2 });
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 10 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  const now = await sidebarWidth(page);
  if (Math.abs(now - width) > 8) log(`the side bar is ${now} px wide, not ${width} px`);
}

/** Expands a collapsed tree row by clicking its twistie. */
async function expand(row) {
  await row.waitFor({ timeout: 30_000 });
  if ((await row.getAttribute('aria-expanded')) === 'true') return;
  await row.locator('.monaco-tl-twistie').click();
  await row.page().waitForTimeout(500);
}

/** Opens Quick Open (or the command palette) and accepts `text`. */
async function runCommand(page, _command, text, { palette = true } = {}) {
  await page.keyboard.press(palette ? 'Control+Shift+P' : 'Control+P');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(palette ? `>${text}` : text);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

async function gotoLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function dismissNotifications(page) {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  if ((await toasts.count()) === 0) return;
  await runCommand(page, null, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(300);
}

main()
  .then((code) => exit(code))
  .catch(async (error) => {
    log(`error: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
