import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateFile, DeleteFile, RenameFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

/**
 * Applies a WorkspaceEdit to files on disk the way an editor would: `changes`,
 * or `documentChanges` in order (TextDocumentEdit, CreateFile, RenameFile,
 * DeleteFile). Edits of one document apply to its text as it was before them;
 * inserts at the same position keep their order. Returns the files touched.
 */
export function applyWorkspaceEdit(edit: WorkspaceEdit | null | undefined): string[] {
  const touched: string[] = [];
  if (!edit) return touched;
  if (edit.documentChanges) {
    for (const change of edit.documentChanges) {
      if ('kind' in change) applyResourceOperation(change, touched);
      else {
        const path = fileURLToPath(change.textDocument.uri);
        applyTextEditsToFile(path, (change as TextDocumentEdit).edits as TextEdit[]);
        touched.push(path);
      }
    }
  } else if (edit.changes) {
    for (const [uri, edits] of Object.entries(edit.changes)) {
      const path = fileURLToPath(uri);
      applyTextEditsToFile(path, edits);
      touched.push(path);
    }
  }
  return touched;
}

function applyResourceOperation(op: CreateFile | RenameFile | DeleteFile, touched: string[]): void {
  if (op.kind === 'create') {
    const path = fileURLToPath(op.uri);
    if (existsSync(path)) {
      if (op.options?.ignoreIfExists) return;
      if (!op.options?.overwrite) throw new Error(`CreateFile: ${path} exists`);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    touched.push(path);
  } else if (op.kind === 'rename') {
    const from = fileURLToPath(op.oldUri);
    const to = fileURLToPath(op.newUri);
    if (existsSync(to)) {
      if (op.options?.ignoreIfExists) return;
      if (!op.options?.overwrite) throw new Error(`RenameFile: ${to} exists`);
    }
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    touched.push(to);
  } else {
    rmSync(fileURLToPath(op.uri), { recursive: op.options?.recursive ?? false, force: op.options?.ignoreIfNotExists ?? false });
  }
}

/** Applies LSP text edits to one file's text. */
export function applyTextEditsToFile(path: string, edits: readonly TextEdit[]): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  writeFileSync(path, applyTextEdits(text, edits));
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  const offsetAt = (p: { line: number; character: number }) => {
    if (p.line >= starts.length) return text.length;
    const next = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + p.character, next);
  };
  const sorted = edits.map((e, i) => ({ e, i, start: offsetAt(e.range.start), end: offsetAt(e.range.end) })).sort((a, b) => b.start - a.start || b.i - a.i);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k].end > sorted[k - 1].start && sorted[k].start !== sorted[k - 1].start) throw new Error(`Overlapping edits at offset ${sorted[k - 1].start}`);
  }
  let result = text;
  for (const { e, start, end } of sorted) result = result.slice(0, start) + e.newText + result.slice(end);
  return result;
}
