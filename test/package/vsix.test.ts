// The packaged extension: `vsce ls` lists exactly the runtime files .vscodeignore lets in, and one
// real `vsce package` produces a small .vsix with them. Run with `npm run test:package`.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const root = path.resolve(__dirname, '../..');
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Files the .vsix may contain (paths relative to the extension root). */
const ALLOWED = [
  /^package\.json$/,
  /^dist\/[^/]+\.js$/,
  /^snippets\//,
  /^syntaxes\//,
  /^schemas\/[^/]+\.json$/,
  /^README\.md$/i,
  /^LICENSE(\.(md|txt))?$/i,
  /^THIRD_PARTY_NOTICES\.md$/,
  /^dist\/third-party-licenses\.txt$/,
  /^CHANGELOG\.md$/i,
  /^images\/icon\.png$/,
  /^images\/coverage\.svg$/,
  /^media\/walkthrough\/[^/]+\.md$/,
];
/** Files it must contain. */
const REQUIRED = [
  'package.json',
  'dist/client.js',
  'dist/server.js',
  'README.md',
  'LICENSE',
  'THIRD_PARTY_NOTICES.md',
  'dist/third-party-licenses.txt',
  'CHANGELOG.md',
  'images/icon.png',
];

let listed: string[] | undefined;
/** `vsce ls` output (it runs the prepublish build, so it is called once). */
function listedFiles(): string[] {
  listed ??= run(['ls', '--no-dependencies'])
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return listed;
}

function run(args: string[]): string {
  return execFileSync(vsce, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

/** Entry names of a zip file, read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'the .vsix is a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    names.push(buf.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The text of one zip entry (stored or deflated), found through the central directory. */
function zipText(file: string, wanted: string): string | undefined {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(offset + 10);
    const compressed = buf.readUInt32LE(offset + 20);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    const local = buf.readUInt32LE(offset + 42);
    const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === wanted) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

describe('the packaged .vsix', function () {
  this.timeout(300_000);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; icon?: string };

  before(function () {
    if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed: npm ci');
  });

  it('has a 128x128 PNG icon', () => {
    assert.equal(pkg.icon, 'images/icon.png');
    const png = fs.readFileSync(path.join(root, pkg.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.equal(png.readUInt32BE(16), 128, 'width');
    assert.equal(png.readUInt32BE(20), 128, 'height');
  });

  it('lists only runtime files (vsce ls)', () => {
    const files = listedFiles();
    const unexpected = files.filter((f) => !ALLOWED.some((p) => p.test(f)));
    assert.deepEqual(unexpected, [], `files outside the allowed set:\n${unexpected.join('\n')}`);
    for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is packaged; got:\n${files.join('\n')}`);
  });

  it('packages every file that package.json contributes (grammars, snippets, schemas, icons)', () => {
    const files = new Set(listedFiles());
    const referenced: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        if (/^\.\/[^*]+\.[a-z]+$/i.test(value)) referenced.push(value.slice(2));
      } else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk((pkg as { contributes?: unknown }).contributes);
    const missing = referenced.filter((f) => !files.has(f));
    assert.deepEqual(missing, [], 'files referenced from contributes are in the .vsix');
  });

  it('packages the media of every walkthrough step', () => {
    const files = new Set(listedFiles());
    const walkthroughs =
      (pkg as { contributes?: { walkthroughs?: Array<{ steps: Array<{ id: string; media: { markdown?: string } }> }> } }).contributes?.walkthroughs ?? [];
    const media = walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? ''));
    assert.ok(media.length >= 6, 'the getting-started walkthrough has its steps');
    for (const file of media) {
      assert.ok(files.has(file), `${file} is in the .vsix`);
      assert.ok(fs.existsSync(path.join(root, file)), `${file} exists`);
    }
  });

  it(`packs into a .vsix under ${MAX_VSIX_BYTES / 1024 / 1024} MB with the runtime files`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqg4ai-vsix-'));
    try {
      const out = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
      run(['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out]);
      const size = fs.statSync(out).size;
      assert.ok(size < MAX_VSIX_BYTES, `the .vsix is ${(size / 1024).toFixed(0)} KB`);
      const entries = zipEntries(out);
      // vsce lower-cases readme.md/changelog.md and renames LICENSE to LICENSE.txt.
      const packed = new Set(entries.map((e) => e.toLowerCase().replace(/^extension\/license\.txt$/, 'extension/license')));
      for (const f of REQUIRED) {
        assert.ok(packed.has(`extension/${f}`.toLowerCase()), `extension/${f} is in the .vsix; got:\n${entries.join('\n')}`);
      }
      const payload = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
      const unexpected = payload.filter((f) => !ALLOWED.some((p) => p.test(f)));
      assert.deepEqual(unexpected, [], 'no other files in the .vsix');
      assert.ok(!entries.some((e) => e.includes('node_modules/')), 'no node_modules in the .vsix (everything is bundled)');
      // The attribution travels with the extension: content sources and the bundled packages' licences.
      const notices = zipText(out, 'extension/THIRD_PARTY_NOTICES.md') ?? '';
      assert.match(notices, /Copyright 2025 @miriamelia/);
      assert.match(notices, /Open Government Licence v3\.0/);
      const licences = zipText(out, 'extension/dist/third-party-licenses.txt') ?? '';
      for (const dependency of ['vscode-languageclient', 'vscode-languageserver', 'yaml', 'ajv', 'unified', 'micromark']) {
        assert.match(licences, new RegExp(`^- ${dependency} \\d+\\.\\d+\\.\\d+: (MIT|ISC)$`, 'm'), `${dependency} and its licence are listed`);
      }
      assert.match(licences, /Permission is hereby granted, free of charge/, 'the MIT texts themselves');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
