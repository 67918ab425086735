// Builds benchmark workspaces by copying a tree of quality-gate documents side by
// side (`copy0001/`, `copy0002/`, ...) until a target number of Markdown files is
// reached. Links stay inside each copy, so they keep resolving; other files
// (images) become empty placeholders. Each Markdown file gets one line naming its
// copy, so no two files are byte-identical and no content cache can turn the
// copies into one parse. Source: ../shared/corpus/mqg4ai when
// present, else test-fixtures/sample-assessment. Reused when already built.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function benchSource() {
  // MQG4AI_CORPUS: the shared corpus folder when it is not beside the checkout (a git worktree).
  const corpus = process.env.MQG4AI_CORPUS ? resolve(process.env.MQG4AI_CORPUS, 'mqg4ai') : resolve(projectRoot, '../shared/corpus/mqg4ai');
  return existsSync(corpus) ? { name: 'corpus', path: corpus } : { name: 'sample', path: join(projectRoot, 'test-fixtures/sample-assessment') };
}

function listFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    if (name === '.git' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Creates (or reuses) a workspace with at least `documents` Markdown files; returns its path and counts. */
export function generateWorkspace(documents, base = join(tmpdir(), 'mqg4ai-bench')) {
  const source = benchSource();
  const files = listFiles(source.path);
  const markdown = files.filter((f) => f.endsWith('.md'));
  const copies = Math.max(1, Math.ceil(documents / markdown.length));
  const target = join(base, `${source.name}-${copies}x-unique`);
  const stamp = join(target, '.bench-complete');
  if (!existsSync(stamp)) {
    rmSync(target, { recursive: true, force: true });
    for (let c = 1; c <= copies; c++) {
      const copyRoot = join(target, `copy${String(c).padStart(4, '0')}`);
      for (const file of files) {
        const destination = join(copyRoot, relative(source.path, file));
        mkdirSync(dirname(destination), { recursive: true });
        if (file.endsWith('.md')) writeFileSync(destination, `${readFileSync(file, 'utf8')}\n<!-- bench copy ${c} -->\n`);
        else writeFileSync(destination, ''); // images as empty placeholders
      }
    }
    writeFileSync(stamp, new Date().toISOString());
  }
  return { path: target, documents: markdown.length * copies, copies, source: source.name };
}
