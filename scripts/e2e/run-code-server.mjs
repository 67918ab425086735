#!/usr/bin/env node
// Runs the in-host mocha suite (out/e2e/suite/index.js, built by build-suite.mjs) inside
// code-server's extension host, driven by Chromium through playwright-core, and exits with the
// suite's code (0 = all passed). Needs scripts/e2e/install-code-server.sh to have run.
//
// The extension under test is this project (dist/ must be built). The sample workspace
// test-fixtures/sample-assessment (or the fixture `--workspace NAME` names, e.g. multi-assessment for
// the assessment tests) is copied to a scratch folder first, so tests may edit files.
//
// Environment: MQG4AI_E2E_TIMEOUT_MS (whole run, default 300000), MQG4AI_E2E_KEEP=1 (keep the
// scratch folder), MQG4AI_E2E_VERBOSE=1 (print browser console and code-server log),
// MQG4AI_E2E_GREP (mocha --grep inside the host), MQG4AI_E2E_CACHE (install cache folder).
// `--builtin-markdown`: keep VS Code's built-in Markdown language features enabled and run only
// the coexistence tests (no duplicate completions, hovers or diagnostics beside them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import {
  cleanup,
  copyWorkspace,
  exit,
  launchBrowser,
  log,
  makeScratch,
  projectRoot,
  registerCleanup,
  startCodeServer,
  tail,
  workspaceName,
} from './codeServer.mjs';

const started = Date.now();
const runTimeoutMs = Number(process.env.MQG4AI_E2E_TIMEOUT_MS ?? 300_000);
const verbose = process.env.MQG4AI_E2E_VERBOSE === '1';
const suiteIndex = path.join(projectRoot, 'out', 'e2e', 'suite', 'index.js');
// The extension under test; another folder (a copy with a deliberately broken dist/) can be given.
const extensionPath = path.resolve(process.env.MQG4AI_E2E_EXTENSION_PATH ?? projectRoot);
// The suite prefixes its mocha output with this marker; everything else is workbench logging.
const MARK = '\u2063mqg4ai-e2e\u2063 ';
const workbenchLog = path.join(projectRoot, 'out', 'e2e', 'workbench.log');
const builtinMarkdown = process.argv.includes('--builtin-markdown');

async function main() {
  for (const file of [suiteIndex, path.join(extensionPath, 'dist', 'client.js'), path.join(extensionPath, 'dist', 'server.js')]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`node esbuild.mjs && node scripts/e2e/build-suite.mjs\` first.`);
  }
  const scratch = makeScratch('e2e');
  if (process.env.MQG4AI_E2E_KEEP === '1') log(`scratch folder (kept): ${scratch}`);
  else registerCleanup(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const name = workspaceName();
  const workspace = await copyWorkspace(scratch, { waitMs: Number(process.env.MQG4AI_E2E_FIXTURE_WAIT_MS ?? 0), name });
  log(`workspace: test-fixtures/${name}`);

  const server = await startCodeServer(scratch, {
    smokeTestDriver: true,
    // The built-in Markdown language features also answer definition/link/symbol requests;
    // disabling them makes every answer the tests see come from the MQG4AI language server.
    // `--builtin-markdown` keeps them, and runs only the coexistence tests (suite/coexistence.test.ts).
    extraArgs: builtinMarkdown ? [] : ['--vscode-option', 'disable-extension=vscode.markdown-language-features'],
    extraEnv: { MQG4AI_E2E_LOG_PREFIX: MARK, MQG4AI_E2E_WORKSPACE: name, MQG4AI_E2E_BUILTIN_MARKDOWN: builtinMarkdown ? '1' : '' },
  });
  log(`code-server ready on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suiteIndex)],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const context = await launchBrowser(scratch);
  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  fs.mkdirSync(path.dirname(workbenchLog), { recursive: true });
  fs.writeFileSync(workbenchLog, '');
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      if (line.startsWith(MARK)) process.stdout.write(`${line.slice(MARK.length)}\n`);
      else {
        fs.appendFileSync(workbenchLog, `[${type}] ${line}\n`);
        if (verbose) process.stderr.write(`[workbench ${type}] ${line}\n`);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  if (verbose) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[browser pageerror] ${e.message}\n`));

  await page.goto(url);
  log('workbench loading; the suite runs inside the extension host');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), runTimeoutMs));
  const result = await Promise.race([exitCode, timeout]);

  if (result === 'timeout' || result !== 0) {
    const shot = path.join(projectRoot, 'out', 'e2e', 'failure.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot }).catch(() => {});
    log(`screenshot of the workbench: ${shot}`);
    log(`code-server log (${server.logFile}):\n${tail(server.logFile)}`);
    log(`workbench log (${workbenchLog}), last lines:\n${tail(workbenchLog, 30)}`);
    const hostLogs = findFiles(path.join(scratch, 'user-data', 'logs'), /exthost.*\.log$|remoteexthost\.log$/);
    for (const file of hostLogs) log(`extension host log ${file}:\n${tail(file, 30)}`);
  } else if (verbose) {
    log(`code-server log:\n${tail(server.logFile)}`);
  }
  if (result === 'timeout') {
    log(`the suite did not finish within ${runTimeoutMs / 1000} s (is code-server started with enable-smoke-test-driver?)`);
    return 1;
  }
  log(`suite exited with ${result} after ${((Date.now() - started) / 1000).toFixed(1)} s in total`);
  return result;
}

function findFiles(dir, pattern, found = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(full, pattern, found);
    else if (pattern.test(e.name)) found.push(full);
  }
  return found;
}

main()
  .then((code) => exit(code))
  .catch(async (error) => {
    log(`error: ${error?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
