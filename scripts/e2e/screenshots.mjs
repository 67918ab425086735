#!/usr/bin/env node
// Takes the README screenshots in a real VS Code (code-server) with the extension installed:
//   docs/images/problems.png  a quality gate with a broken trace link and the Problems panel
//   docs/images/hover.png     the hover on a trace link (target title, kind, tags, summary)
// Unlike run-code-server.mjs this starts code-server WITHOUT the smoke-test driver flag, so the
// workbench looks as users see it. The extension is installed as a symlink named
// mqg4ai.mqg4ai-<version> in a fresh extensions dir, or from a .vsix with `--vsix <file>` (which
// also proves that the packaged extension installs and activates).
//
// Usage: node scripts/e2e/screenshots.mjs [--vsix file.vsix] [--out docs/images]
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
} from './codeServer.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const vsix = option('--vsix');
const outDir = path.resolve(projectRoot, option('--out') ?? 'docs/images');
const BROKEN_DOC = 'QG_Calibration_(BinaryClassification).md';
const BROKEN_LINE = 34;
const HOVER_TEXT = 'QG_TrainingSetup_(BinaryClassification).md';

async function main() {
  const started = Date.now();
  const pkg = packageJson();
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  const scratch = makeScratch('shots');
  if (process.env.MQG4AI_E2E_KEEP === '1') log(`scratch folder (kept): ${scratch}`);
  else registerCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const workspace = await copyWorkspace(scratch);
  const extensionsDir = path.join(scratch, 'extensions');

  if (vsix) {
    const tools = installedTools();
    log(`installing ${vsix} with code-server --install-extension`);
    execFileSync(tools.node, [tools.codeServer, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratch, 'user-data'), '--install-extension', path.resolve(vsix)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data'), PATH: `${path.dirname(tools.node)}:${process.env.PATH}` },
    });
    const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith(`${extensionId}-`));
    if (installed.length !== 1) throw new Error(`${extensionId} is not in ${extensionsDir} after --install-extension: ${fs.readdirSync(extensionsDir).join(', ')}`);
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

    // Open the quality gate with the misspelt link and go to it.
    await runCommand(page, 'workbench.action.quickOpen', BROKEN_DOC, { palette: false });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines').first().click();
    await gotoLine(page, BROKEN_LINE);
    // The language server has published when the squiggle is there.
    await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
    log('diagnostics are shown in the editor');

    // Problems panel.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 30_000 });
    // Select the misspelt link's problem: the editor reveals it and the row is highlighted.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'link.missing-file' }).first().click();
    await page.waitForTimeout(1000);
    await dismissNotifications(page);
    await page.mouse.move(5, 300);
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, 'problems.png') });
    log(`wrote ${path.join(outDir, 'problems.png')}`);

    // Hover on a trace link: close the panel to give the hover room, scroll the link into view.
    await page.keyboard.press('Control+J');
    await page.locator('.editor-instance .view-lines').first().click();
    await gotoLine(page, 17);
    const link = page.locator('.editor-instance .view-line span', { hasText: 'TrainingSetup' }).last();
    await link.waitFor({ timeout: 10_000 });
    const box = await link.boundingBox();
    if (!box) throw new Error('the link to hover is not visible');
    await page.mouse.move(box.x + Math.min(40, box.width / 2), box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Training Setup' }).first();
    await hover.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(outDir, 'hover.png') });
    log(`wrote ${path.join(outDir, 'hover.png')}`);
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
