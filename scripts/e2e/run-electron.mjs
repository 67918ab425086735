#!/usr/bin/env node
// Runs the same in-host mocha suite as run-code-server.mjs in desktop VS Code through
// @vscode/test-electron. Needs internet access (it downloads VS Code into .vscode-test/), so it is
// for contributors' machines and hosted CI; on machines without that access use `npm run test:e2e`.
//
// Environment: MQG4AI_E2E_VSCODE_VERSION (default "stable"), MQG4AI_E2E_GREP, MQG4AI_E2E_KEEP=1.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `--workspace NAME` (or MQG4AI_E2E_WORKSPACE): another fixture, e.g. multi-assessment for the assessment tests.
const argv = process.argv.slice(2);
const workspaceName = argv.includes('--workspace') ? argv[argv.indexOf('--workspace') + 1] : process.env.MQG4AI_E2E_WORKSPACE || 'sample-assessment';
const fixture = path.join(projectRoot, 'test-fixtures', workspaceName);
const suiteIndex = path.join(projectRoot, 'out', 'e2e', 'suite', 'index.js');

for (const file of [suiteIndex, path.join(projectRoot, 'dist', 'client.js'), path.join(fixture, 'EXPECTED.json')]) {
  if (!fs.existsSync(file)) {
    console.error(`${file} is missing: run \`node esbuild.mjs && node scripts/e2e/build-suite.mjs\` first.`);
    process.exit(1);
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mqg4ai-e2e-electron-'));
const workspace = path.join(scratch, 'workspace', workspaceName);
fs.cpSync(fixture, workspace, { recursive: true });
const userData = path.join(scratch, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
  }),
);

let code;
try {
  code = await runTests({
    version: process.env.MQG4AI_E2E_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: suiteIndex,
    launchArgs: [
      workspace,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      path.join(scratch, 'extensions'),
      '--disable-extension',
      'vscode.markdown-language-features',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--no-sandbox',
      '--disable-gpu',
    ],
    extensionTestsEnv: { MQG4AI_E2E_GREP: process.env.MQG4AI_E2E_GREP ?? '', MQG4AI_E2E_WORKSPACE: workspaceName },
  });
} catch (error) {
  console.error(`End-to-end tests failed: ${error?.message ?? error}`);
  code = 1;
} finally {
  if (process.env.MQG4AI_E2E_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
  else console.error(`scratch folder kept: ${scratch}`);
}
process.exit(code);
