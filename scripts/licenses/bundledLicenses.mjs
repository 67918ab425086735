// The licences of the npm packages esbuild bundles into dist/, read from esbuild's metafile:
// every input under node_modules belongs to the nearest package.json above it; for each such
// package the notice file lists its name, version, declared licence and the text of its
// LICENSE/LICENCE/COPYING/NOTICE files. Called by esbuild.mjs after a (non-watch) build.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** The root folder of the package that owns `file`, if it lies under node_modules. */
function packageRootOf(file) {
  if (!file.split(/[\\/]/).includes('node_modules')) return undefined;
  let dir = dirname(file);
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      // Some packages ship nested package.json files ({"type": "module"}) without a name.
      if (pkg.name && pkg.version) return dir;
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** The bundled packages of the given metafiles, sorted by name, each with its licence texts. */
export function bundledPackages(metafiles, cwd = process.cwd()) {
  const roots = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const root = packageRootOf(resolve(cwd, input));
      if (root) roots.add(root);
    }
  }
  const packages = new Map();
  for (const root of roots) {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (packages.has(key)) continue;
    const license =
      typeof pkg.license === 'string'
        ? pkg.license
        : (pkg.license?.type ?? (Array.isArray(pkg.licenses) ? pkg.licenses.map((l) => l.type).join(' OR ') : 'UNKNOWN'));
    const files = readdirSync(root)
      .filter((f) => LICENSE_FILE.test(f))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(root, f), 'utf8').replace(/\r\n/g, '\n').trim() }));
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
    packages.set(key, {
      name: pkg.name,
      version: pkg.version,
      license,
      author,
      homepage: pkg.homepage ?? repositoryUrl(pkg.repository),
      path: relative(cwd, root).split(sep).join('/'),
      files,
    });
  }
  return [...packages.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

const MIT_TEXT = (holder) => `Copyright (c) ${holder ?? 'the package authors'}

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`;

function repositoryUrl(repository) {
  return typeof repository === 'string' ? repository : repository?.url;
}

/** The notice text: a header, a summary table, then each package's licence texts. */
export function renderNotices(packages) {
  const out = [
    'THIRD-PARTY SOFTWARE NOTICES: npm packages bundled into the MQG4AI extension',
    '',
    "dist/*.js bundle the following packages (generated at build time from esbuild's metafile by",
    'scripts/licenses/bundledLicenses.mjs). Content sources (ALTAI, MQG4AI, NCSC/CISA, AMLAS, the AI',
    'Act) are listed in THIRD_PARTY_NOTICES.md.',
    '',
    ...packages.map((p) => `- ${p.name} ${p.version}: ${p.license}`),
    '',
  ];
  for (const p of packages) {
    out.push('='.repeat(78), `${p.name} ${p.version} (${p.license})${p.homepage ? `\n${p.homepage}` : ''}`, '='.repeat(78), '');
    if (p.files.length === 0 && p.license === 'MIT') {
      // The package ships no licence file: the MIT terms it declares, with the author its package.json names.
      out.push(
        `No licence file is shipped with this package; its package.json declares "MIT"${p.author ? ` and names ${p.author} as author` : ''}. The MIT License:`,
        '',
        MIT_TEXT(p.author),
        '',
      );
    } else if (p.files.length === 0) {
      out.push(`No licence file is shipped with this package; its package.json declares "${p.license}".`, '');
    }
    for (const f of p.files) out.push(`--- ${f.name} ---`, '', f.text, '');
  }
  return `${out.join('\n')}\n`;
}

/** Writes the notice file for the given build results (each built with `metafile: true`). */
export function writeBundledLicenses(results, file) {
  const packages = bundledPackages(results.map((r) => r.metafile).filter(Boolean));
  writeFileSync(file, renderNotices(packages));
  return packages;
}
