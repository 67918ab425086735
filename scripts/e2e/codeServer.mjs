// Shared helpers for the code-server end-to-end runners (run-code-server.mjs, screenshots.mjs):
// a scratch folder, a copy of the sample workspace, code-server in its own process group, and
// Debian's Chromium driven by playwright-core. See ../../../shared/docs/e2e-in-real-vscode.md.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = path.resolve(process.env.MQG4AI_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mqg4ai-e2e'));
export const chromiumPath = process.env.MQG4AI_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const fixture = path.join(projectRoot, 'test-fixtures', 'sample-assessment');

/**
 * The fixture a run opens: `--workspace NAME` or MQG4AI_E2E_WORKSPACE (a folder of test-fixtures/),
 * default sample-assessment. The suite picks its test files by it (test/e2e/suite/index.ts).
 */
export function workspaceName(argv = process.argv.slice(2)) {
  const at = argv.indexOf('--workspace');
  const name = at >= 0 ? argv[at + 1] : process.env.MQG4AI_E2E_WORKSPACE || 'sample-assessment';
  if (!name || !/^[\w.-]+$/.test(name) || !fs.existsSync(path.join(projectRoot, 'test-fixtures', name)))
    throw new Error(`--workspace: no fixture test-fixtures/${name}`);
  return name;
}

/** User settings that keep the workbench stable for automation (no chat panel, no welcome page). */
export const automationSettings = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
};

export function log(message) {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** Paths written by scripts/e2e/install-code-server.sh. */
export function installedTools() {
  const envFile = path.join(cacheDir, 'env.json');
  if (!fs.existsSync(envFile)) {
    throw new Error(`${envFile} is missing: run scripts/e2e/install-code-server.sh first (or npm run test:e2e).`);
  }
  const env = JSON.parse(fs.readFileSync(envFile, 'utf8'));
  for (const key of ['node', 'codeServer']) {
    if (!fs.existsSync(env[key])) throw new Error(`${env[key]} is missing: run scripts/e2e/install-code-server.sh again.`);
  }
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  return env;
}

export function packageJson() {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
}

/** A scratch folder for one run: code-server's dirs, XDG dirs, the browser profile, the workspace. */
export function makeScratch(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mqg4ai-${prefix}-`));
  for (const sub of ['user-data/User', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'browser', 'workspace']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'user-data/User/settings.json'), JSON.stringify(automationSettings, null, 2));
  return dir;
}

/** Waits for the sample workspace (written by another issue) and copies it so tests may edit it. */
export async function copyWorkspace(scratch, { waitMs = Number(process.env.MQG4AI_E2E_FIXTURE_WAIT_MS ?? 0), name = 'sample-assessment' } = {}) {
  const fixture = path.join(projectRoot, 'test-fixtures', name);
  const deadline = Date.now() + waitMs;
  while (!fs.existsSync(path.join(fixture, 'EXPECTED.json'))) {
    if (Date.now() >= deadline) throw new Error(`${fixture}/EXPECTED.json is missing: the sample workspace is not there.`);
    log(`waiting for ${fixture} ...`);
    await new Promise((r) => setTimeout(r, 5000));
  }
  const target = path.join(scratch, 'workspace', name);
  fs.cpSync(fixture, target, { recursive: true });
  return target;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:<free port> in its own process group (detached = setsid), with
 * its own user-data/extensions dirs and XDG dirs inside `scratch`. Returns { port, url, stop }.
 * `stop()` kills the whole process group: killing only the main PID leaves helpers running.
 */
export async function startCodeServer(scratch, { smokeTestDriver, extraArgs = [], extraEnv = {} }) {
  const tools = installedTools();
  const port = await freePort();
  const logFile = path.join(scratch, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    tools.codeServer,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '5',
    '--user-data-dir',
    path.join(scratch, 'user-data'),
    '--extensions-dir',
    path.join(scratch, 'extensions'),
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
  ];
  const env = {
    ...process.env,
    PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
    XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
    // Nothing of the caller's VS Code or Node debugging setup leaks into the extension host.
    VSCODE_IPC_HOOK_CLI: '',
    NODE_OPTIONS: '',
    ELECTRON_RUN_AS_NODE: '',
    ...extraEnv,
  };
  const child = spawn(tools.node, args, { cwd: scratch, env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  processGroups.add(child.pid);
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (child.pid === undefined) return;
    const group = -child.pid;
    const alive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (!alive()) return;
    try {
      process.kill(group, 'SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 30 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) {
      try {
        process.kill(group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    processGroups.delete(child.pid);
  };
  registerCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${logFile}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url}/healthz within 60 s; see ${logFile}:\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, url, logFile, stop };
}

export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Debian's Chromium through playwright-core (no browser download). */
export async function launchBrowser(scratch) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(scratch, 'browser'), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  registerCleanup(() => context.close().catch(() => {}));
  return context;
}

// ---- cleanup on every way out -------------------------------------------------------------------

const cleanups = [];
let cleaning;

export function registerCleanup(fn) {
  cleanups.push(fn);
}

export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // a failed cleanup must not stop the others
      }
    }
  })();
  return cleaning;
}

/** Runs cleanup and exits with `code`. Also installed for SIGINT/SIGTERM/SIGHUP. */
export async function exit(code) {
  await cleanup();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void exit(130);
  });
}
// Last resort when the process exits without the async cleanup (an uncaught error): kill the groups.
const processGroups = new Set();
process.on('exit', () => {
  for (const pid of processGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
