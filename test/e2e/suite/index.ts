// Entry point of the in-host end-to-end suite. VS Code (desktop through @vscode/test-electron, or
// code-server through scripts/e2e/run-code-server.mjs) loads the bundled out/e2e/suite/index.js
// inside its extension host and calls run(); the promise's outcome is the suite's result.
//
// Mocha is bundled into this file, so the test files are registered by requiring them after
// Mocha's globals (describe, it, ...) have been installed, instead of through mocha.addFile().
import Mocha from 'mocha';
import { format } from 'node:util';

// Under code-server the extension host's console reaches the runner mixed with the workbench's own
// logging; the runner sets this prefix and prints only the lines that carry it.
const prefix = process.env.MQG4AI_E2E_LOG_PREFIX ?? '';
const print = (...args: unknown[]) =>
  console.log(
    format(...args)
      .split('\n')
      .map((line) => prefix + line)
      .join('\n'),
  );

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.MQG4AI_E2E_TIMEOUT ?? 60_000),
    slow: 5_000,
    grep: process.env.MQG4AI_E2E_GREP || undefined,
  });
  Mocha.reporters.Base.consoleLog = print;
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'e2e-suite', mocha);
  if (process.env.MQG4AI_E2E_BUILTIN_MARKDOWN === '1') {
    // The run with VS Code's own Markdown language features enabled (`--builtin-markdown`).
    require('./coexistence.test');
  } else if (process.env.MQG4AI_E2E_WORKSPACE === 'multi-assessment') {
    // The second run (`--workspace multi-assessment`): a repository of several assessments.
    require('./assessments.test');
  } else {
    // Order matters a little: activation first, then read-only checks, then the tests that edit files.
    require('./activation.test');
    require('./navigation.test');
    require('./diagnostics.test');
    require('./repositoryScope.test');
    require('./commands.test');
    require('./recovery.test');
    require('./authoring.test');
    require('./coverage.test');
    require('./packs.test');
    require('./settings.test');
    require('./refactor.test');
    require('./review.test');
    require('./newDocument.test');
  }
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, 'e2e-suite', mocha);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        // The plain closing line CI reads: "N passed, N failed, N skipped".
        print(`e2e: ${stats?.passes ?? 0} passed, ${failures} failed, ${stats?.pending ?? 0} skipped`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
