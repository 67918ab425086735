// Project files (issue 14, findings 6 and 8): `.mqg4ai.yaml` and pack files are read only as
// regular files inside the repository (no problem quotes a foreign file's keys), and a YAML
// alias bomb in one pack is a problem at that file while the other packs still load.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileSystem, InMemoryFileSystem, pathFromFsPath } from '../../../server/src/base/fileSystem';
import { readConfigFile } from '../../../server/src/config/loadConfig';
import { loadWorkspacePacks } from '../../../server/src/config/loadPacks';
import { mergeConfig } from '../../../server/src/config/projectConfig';
import { checkWorkspace } from '../../helpers/check';

const PACK = (id: string, item: string) => JSON.stringify({ id, title: id, source: 's', attribution: 'a', items: [{ id: item, title: 'One' }] });
const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefghi'
    .split('')
    .map(
      (k, i) =>
        `${k}: &${k} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ),
].join('\n');

describe('security: hostile YAML in pack and configuration files', () => {
  const files = {
    '/ws/.mqg4ai.yaml': 'questionPacks: [packs/good.json, packs/bomb.yaml, packs/later.json]\n',
    '/ws/packs/good.json': PACK('good', 'GOOD.one'),
    '/ws/packs/bomb.yaml': `${BOMB}\nid: bomb\n`,
    '/ws/packs/later.json': PACK('later', 'LATER.one'),
    '/ws/doc.md': '# Doc\n\n[GOOD.one] [LATER.one]\n',
  };

  it('an alias bomb in one pack is a problem at that file; the packs before and after it load', async () => {
    const fs = new InMemoryFileSystem(files);
    const config = mergeConfig({ questionPacks: ['packs/good.json', 'packs/bomb.yaml', 'packs/later.json'] });
    const { registry, problems } = await loadWorkspacePacks(fs, '/ws', config, '/ws/.mqg4ai.yaml');
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['altai', 'good', 'later'],
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/ws/packs/bomb.yaml'],
    );
    assert.match(problems[0].message, /Not a usable pack file/);
  });

  it('mqg4ai check reports it as config.invalid at the pack file, and checks the documents', async () => {
    const result = await checkWorkspace(new InMemoryFileSystem(files), '/ws');
    const bomb = result.reports.find((r) => r.path === '/ws/packs/bomb.yaml');
    assert.equal(bomb?.diagnostics[0].code, 'config.invalid');
    assert.equal(result.files, 1, 'the document is still checked');
  });

  it('a pack url that is not a plain https URL: the pack loads without it, with a problem at the url', async () => {
    const text = JSON.stringify({ ...JSON.parse(PACK('evil', 'EVIL.one')), url: 'https://x.example/) ![b](https://attacker.example/p.png' }, null, 2);
    const { registry, problems } = await loadWorkspacePacks(
      new InMemoryFileSystem({ '/ws/evil.json': text }),
      '/ws',
      mergeConfig({ questionPacks: ['evil.json'] }),
    );
    assert.equal(registry.pack('evil')?.url, undefined);
    assert.equal(problems.length, 1);
    assert.match(text.split('\n')[problems[0].range.start.line], /"url"/);
  });

  it('an alias bomb in .mqg4ai.yaml is a problem of that file', async () => {
    const loaded = await readConfigFile(new InMemoryFileSystem({ '/ws/.mqg4ai.yaml': `${BOMB}\n` }), '/ws');
    assert.deepEqual(loaded?.layer, {});
    assert.match(loaded?.problems[0].message ?? '', /Not a usable configuration/);
  });

  it('huge keys (a 1 MB key, 20,000 unknown keys) in a pack or .mqg4ai.yaml: problems at that file, bounded in number and length; the other packs load', async () => {
    const hugeKey = `k${'x'.repeat(1_000_000)}`;
    const manyKeys = Array.from({ length: 20_000 }, (_, i) => `key${i}: ${i}`).join('\n');
    const config = mergeConfig({ questionPacks: ['packs/good.json', 'packs/bomb.yaml', 'packs/later.json'] });
    for (const hostile of [`${hugeKey}: 1\nid: huge\n`, `${manyKeys}\nid: many\n`]) {
      const { registry, problems } = await loadWorkspacePacks(
        new InMemoryFileSystem({ ...files, '/ws/packs/bomb.yaml': hostile }),
        '/ws',
        config,
        '/ws/.mqg4ai.yaml',
      );
      assert.deepEqual(
        registry.enabled.map((p) => p.id),
        ['altai', 'good', 'later'],
      );
      assert.ok(problems.length > 0 && problems.length <= 51, `${problems.length} problems`);
      assert.ok(problems.every((p) => p.path === '/ws/packs/bomb.yaml' && p.message.length < 2_000));
    }
    const huge = await readConfigFile(new InMemoryFileSystem({ '/ws/.mqg4ai.yaml': `${hugeKey}: 1\n` }), '/ws');
    assert.deepEqual([huge?.layer, huge?.problems.length], [{}, 1]);
    assert.ok(huge!.problems[0].message.length < 2_000);
    // Unknown keys are problems; the keys that are known still apply.
    const many = await readConfigFile(new InMemoryFileSystem({ '/ws/.mqg4ai.yaml': `questionPacks: [packs/good.json]\n${manyKeys}\n` }), '/ws');
    assert.deepEqual(many?.layer.questionPacks, ['packs/good.json']);
    assert.ok(many!.problems.length > 0 && many!.problems.length <= 51, `${many!.problems.length} problems`);
  });
});

(process.platform === 'win32' ? describe.skip : describe)('security: project files only as regular files inside the repository', function () {
  this.timeout(10000);
  let dir: string;
  let ws: string;
  const fs = new NodeFileSystem();

  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mqg4ai-projfiles-')));
    mkdirSync(join(dir, 'ws', 'packs'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'));
    ws = pathFromFsPath(join(dir, 'ws'));
    writeFileSync(join(dir, 'elsewhere', 'secrets.yaml'), 'awsSecretAccessKey: abc\nprivateToken: def\n');
    writeFileSync(join(dir, 'elsewhere', 'secrets.json'), '{"awsSecretAccessKey": "abc", "privateToken": "def"}');
    writeFileSync(join(dir, 'ws', 'packs', 'real.json'), PACK('real', 'REAL.one'));
    symlinkSync(join(dir, 'elsewhere', 'secrets.json'), join(dir, 'ws', 'packs', 'foreign.json'));
    symlinkSync('/dev/zero', join(dir, 'ws', 'packs', 'zero.json'));
    execFileSync('mkfifo', [join(dir, 'ws', 'packs', 'fifo.json')]);
    symlinkSync(join(dir, 'ws', 'packs', 'real.json'), join(dir, 'ws', 'packs', 'inside.json'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a pack file linked to a file outside, to /dev/zero or a FIFO: a problem naming none of its keys; the others load', async () => {
    const list = ['packs/foreign.json', 'packs/zero.json', 'packs/fifo.json', 'packs/real.json'];
    writeFileSync(join(dir, 'ws', 'conf.yaml'), `questionPacks: [${list.join(', ')}]\n`);
    const { registry, problems } = await loadWorkspacePacks(fs, ws, mergeConfig({ questionPacks: list }), `${ws}/conf.yaml`);
    assert.deepEqual(
      registry.enabled.map((p) => p.id),
      ['altai', 'real'],
    );
    const text = problems.map((p) => p.message).join('\n');
    assert.doesNotMatch(text, /awsSecret|privateToken/);
    assert.match(problems.find((p) => p.path.endsWith('foreign.json'))?.message ?? '', /outside the workspace folder/);
    assert.ok(
      problems.some((p) => p.path.endsWith('zero.json') || p.message.includes('zero.json')),
      text,
    );
    assert.ok(
      problems.some((p) => p.path.endsWith('fifo.json') || p.message.includes('fifo.json')),
      text,
    );
  });

  it('a pack file linked to another file inside the repository is read', async () => {
    const { registry, problems } = await loadWorkspacePacks(fs, ws, mergeConfig({ questionPacks: ['packs/inside.json'] }));
    assert.deepEqual(problems, []);
    assert.ok(registry.pack('real'));
  });

  it('.mqg4ai.yaml linked to a file outside: not used, and its keys are not quoted', async () => {
    const link = join(dir, 'ws', '.mqg4ai.yaml');
    symlinkSync(join(dir, 'elsewhere', 'secrets.yaml'), link);
    try {
      const loaded = await readConfigFile(fs, ws);
      assert.deepEqual(loaded?.layer, {});
      assert.equal(loaded?.problems.length, 1);
      assert.match(loaded!.problems[0].message, /outside the workspace folder/);
      assert.doesNotMatch(loaded!.problems[0].message, /awsSecret|privateToken/);
      // A --config path is the user's choice: read wherever it is.
      const explicit = await readConfigFile(fs, ws, pathFromFsPath(join(dir, 'elsewhere', 'secrets.yaml')));
      assert.ok(
        explicit!.problems.some((p) => /awsSecretAccessKey/.test(p.message)),
        'unknown keys of the chosen file are reported as usual',
      );
    } finally {
      rmSync(link);
    }
  });
});
