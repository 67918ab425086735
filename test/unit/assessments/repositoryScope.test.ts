// Issue 15, item 4: a workspace folder inside a git repository. Trusted, links leaving the folder
// are checked in the repository (existence and anchors, read-only, never indexed); untrusted, they
// stay unchecked (link.outside-workspace); a link leaving both is information.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neverCancelled } from '../../../server/src/base/cancellation';
import { InMemoryFileSystem, NodeFileSystem, pathFromFsPath, type WorkspaceFileSystem } from '../../../server/src/base/fileSystem';
import { createEngine } from '../../../server/src/engine/engine';
import { findRepositoryRoot } from '../../../server/src/workspace/repository';

const REPO = '/home/alice/assessments';
const WS = `${REPO}/MQG4Application/v2_Triage`;

const README = [
  '# Version 2',
  '',
  '- [v1 data](../v1_Triage/1_System/Data.md)',
  '- [v1 data anchor](../v1_Triage/1_System/Data.md#data-sources)',
  '- [v1 folder](../v1_Triage/1_System/)',
  '- [missing file](../v1_Triage/1_System/Gone.md)',
  '- [missing anchor](../v1_Triage/1_System/Data.md#no-such-heading)',
  '- [wrong case](../v1_Triage/1_system/Data.md)',
  '- [into .git](../../.git/config)',
  '- [beyond the repository](../../../private.md)',
  '',
].join('\n');

function repository(extra: Record<string, string> = {}): InMemoryFileSystem {
  return new InMemoryFileSystem({
    [`${REPO}/.git/HEAD`]: 'ref: refs/heads/main\n',
    [`${REPO}/.git/config`]: '[core]\n',
    [`${REPO}/MQG4Application/v1_Triage/1_System/Data.md`]: '# Data\n\n## Data sources\n\nText.\n\n[broken inside v1](nowhere.md)\n',
    [`${WS}/README.md`]: README,
    '/home/alice/private.md': '# Private\n',
    ...extra,
  });
}

async function check(fs: WorkspaceFileSystem, trusted: boolean, root = WS) {
  const engine = createEngine({ fs, roots: [root], trusted });
  await engine.configure();
  await engine.indexWorkspace(neverCancelled);
  return { engine, result: engine.check(undefined, neverCancelled) };
}

function findings(result: Awaited<ReturnType<typeof check>>['result']) {
  return result.reports.flatMap((r) => r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, target: d.target, message: d.message })));
}

describe('workspace scope: links beyond the workspace folder, inside its git repository', () => {
  it('finds the repository root from a .git folder or file above the workspace folder, and none without', async () => {
    assert.equal(await findRepositoryRoot(repository(), WS), REPO);
    const worktree = new InMemoryFileSystem({ '/r/.git': 'gitdir: /elsewhere/.git/worktrees/r\n', '/r/a/b/x.md': '' });
    assert.equal(await findRepositoryRoot(worktree, '/r/a/b'), '/r');
    assert.equal(await findRepositoryRoot(new InMemoryFileSystem({ '/ws/a.md': '' }), '/ws'), undefined);
  });

  it('trusted: existing files, folders and anchors in a sibling folder are fine; broken ones are errors; beyond the repository is information', async () => {
    const { result } = await check(repository(), true);
    assert.deepEqual(findings(result), [
      {
        code: 'link.missing-file',
        severity: 'error',
        target: '../v1_Triage/1_System/Gone.md',
        message: 'File not found: Gone.md. Looked for ../v1_Triage/1_System/Gone.md.',
      },
      {
        code: 'link.missing-anchor',
        severity: 'error',
        target: '../v1_Triage/1_System/Data.md#no-such-heading',
        message: 'Heading not found: #no-such-heading in Data.md.',
      },
      {
        code: 'link.missing-file',
        severity: 'error',
        target: '../v1_Triage/1_system/Data.md',
        message: 'File not found: Data.md. Looked for ../v1_Triage/1_system/Data.md.',
      },
      // `.git` is never entered, as in the workspace (extensionless: read as a folder link).
      { code: 'link.missing-folder', severity: 'error', target: '../../.git/config', message: 'Folder not found: config/. Looked for ../../.git/config/.' },
      {
        code: 'link.outside-workspace',
        severity: 'information',
        target: '../../../private.md',
        message: 'Link points outside the workspace folders and their git repository (../../../private.md); it is not read or checked.',
      },
    ]);
  });

  it('trusted: a repository target is a read-only look-up, never a document of the workspace (no findings, symbols or coverage for it)', async () => {
    const { engine, result } = await check(repository(), true);
    assert.deepEqual(result.checked, [`${WS}/README.md`]);
    assert.equal(engine.index.documentCount, 1);
    assert.equal(engine.index.getDocument(`${REPO}/MQG4Application/v1_Triage/1_System/Data.md`), undefined);
    assert.ok(!engine.index.hasFile(`${REPO}/MQG4Application/v1_Triage/1_System/Data.md`));
    assert.ok(!JSON.stringify(result).includes('nowhere.md'), "the target's own broken link is not reported");
    const symbols = engine.features.workspaceSymbols.provideWorkspaceSymbols('Data', neverCancelled);
    assert.deepEqual(symbols, []);
    // Hover and go-to-definition still see the target, read-only, with a path relative to the workspace folder.
    const line = README.split('\n').findIndex((l) => l.includes('#data-sources'));
    const hover = JSON.stringify(engine.features.hover.provideHover(`${WS}/README.md`, { line, character: 24 }, neverCancelled, README));
    assert.match(hover, /Section: \*\*Data sources\*\*/);
    assert.match(hover, /`\.\.\/v1_Triage\/1_System\/Data\.md`/);
    assert.ok(!hover.includes('/home/alice'), hover);
    assert.deepEqual(engine.features.definition.provideDefinition(`${WS}/README.md`, { line, character: 24 }, neverCancelled), [
      {
        uri: 'file:///home/alice/assessments/MQG4Application/v1_Triage/1_System/Data.md',
        range: { start: { line: 2, character: 0 }, end: { line: 2, character: 15 } },
      },
    ]);
  });

  it("trusted: the anchor suggestion comes from the repository target's headings", async () => {
    const fs = repository({ [`${WS}/README.md`]: '[near](../v1_Triage/1_System/Data.md#data-source)\n' });
    const { result } = await check(fs, true);
    assert.deepEqual(
      findings(result).map((f) => f.message),
      ['Heading not found: #data-source in Data.md. Did you mean "#data-sources" (heading "Data sources")?'],
    );
  });

  it("untrusted: today's confinement; links into the repository are unchecked, at information, saying why", async () => {
    const { result } = await check(repository(), false);
    const outside = findings(result).filter((f) => f.code === 'link.outside-workspace');
    assert.equal(outside.length, 8, JSON.stringify(findings(result)));
    assert.ok(outside.every((f) => f.severity === 'information'));
    assert.equal(
      outside[0].message,
      'Link points outside the workspace folders (../v1_Triage/1_System/Data.md), into the git repository around them; it is checked there once the workspace is trusted.',
    );
    assert.equal(outside[7].message, 'Link points outside the workspace folders and their git repository (../../../private.md); it is not read or checked.');
    assert.ok(findings(result).every((f) => f.code === 'link.outside-workspace'));
  });

  it('without a repository: every link leaving the workspace folder is information', async () => {
    const fs = new InMemoryFileSystem({ '/ws/a.md': '[x](../b.md)\n', '/b.md': '# B\n' });
    const { result } = await check(fs, true, '/ws');
    assert.deepEqual(findings(result), [
      {
        code: 'link.outside-workspace',
        severity: 'information',
        target: '../b.md',
        message: 'Link points outside the workspace folders (../b.md); it is not read or checked.',
      },
    ]);
  });

  it('the workspace folder is the repository root: a link leaving it leaves the repository', async () => {
    const fs = new InMemoryFileSystem({ '/ws/.git/HEAD': 'x', '/ws/a.md': '[x](../b.md)\n', '/b.md': '# B\n' });
    const { result } = await check(fs, true, '/ws');
    assert.deepEqual(
      findings(result).map((f) => [f.code, f.severity, f.message]),
      [['link.outside-workspace', 'information', 'Link points outside the workspace folders and their git repository (../b.md); it is not read or checked.']],
    );
  });

  it('trusted, while the server runs: a link typed to a repository target is judged once looked up, and that re-validates the document', async () => {
    const fs = repository({ [`${WS}/README.md`]: '# V2\n' });
    const engine = createEngine({ fs, roots: [WS], trusted: true });
    await engine.configure();
    await engine.indexWorkspace(neverCancelled);
    const announced: string[][] = [];
    engine.index.onRepositoryLookup = (paths) => announced.push([...paths]);
    engine.openDocument(`${WS}/README.md`, '# V2\n\n[x](../v1_Triage/1_System/Data.md#nope)\n');
    await engine.index.repositoryLookupsSettled();
    assert.deepEqual(announced, [[`${WS}/README.md`]]);
    const diagnostics = engine.features.diagnostics.provideDiagnostics(`${WS}/README.md`, neverCancelled);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['link.missing-anchor'],
    );
  });

  (process.platform === 'win32' ? it.skip : it)(
    'on disk: folder links are not entered, and a file link leading out of the repository is not read',
    async () => {
      const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-repo-scope-')));
      try {
        mkdirSync(join(dir, 'repo', '.git'), { recursive: true });
        mkdirSync(join(dir, 'repo', 'v1'), { recursive: true });
        mkdirSync(join(dir, 'repo', 'v2'), { recursive: true });
        mkdirSync(join(dir, 'home'), { recursive: true });
        writeFileSync(join(dir, 'home', 'secret.md'), '# Secret\n');
        writeFileSync(join(dir, 'repo', 'v1', 'Data.md'), '# Data\n');
        symlinkSync(join(dir, 'home'), join(dir, 'repo', 'v1', 'linked-folder'));
        symlinkSync(join(dir, 'home', 'secret.md'), join(dir, 'repo', 'v1', 'linked.md'));
        writeFileSync(
          join(dir, 'repo', 'v2', 'README.md'),
          '[a](../v1/Data.md#data) [b](../v1/linked-folder/secret.md) [c](../v1/linked.md#anything) [d](../v1/Data.md#nope)\n',
        );
        const reads: string[] = [];
        const disk = new NodeFileSystem();
        const spy: WorkspaceFileSystem = {
          readFile: (path, max) => (reads.push(path), disk.readFile(path, max)),
          stat: (path) => disk.stat(path),
          readDirectory: (path) => disk.readDirectory(path),
          isSymbolicLink: (path) => disk.isSymbolicLink(path),
          realPath: (path) => disk.realPath(path),
        };
        const { result } = await check(spy, true, pathFromFsPath(join(dir, 'repo', 'v2')));
        assert.deepEqual(
          findings(result).map((f) => [f.code, f.target]),
          [
            ['link.missing-file', '../v1/linked-folder/secret.md'],
            ['link.missing-anchor', '../v1/Data.md#nope'],
          ],
        );
        assert.ok(!reads.some((p) => p.includes('secret') || p.includes('linked')), reads.join(', '));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
