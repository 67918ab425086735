// What to do with the link updates the server proposes for a file or folder move, from the
// `mqg4ai.links.updateOnFileMove` setting and the user's answer. Pure: no `vscode` import, so the
// unit tests run it directly.

export type UpdateOnFileMove = 'never' | 'prompt' | 'always';

/**
 * The setting's value, the default (`always`) for anything unknown: VS Code asks once itself (its
 * refactoring confirmation with a preview), so our own prompt is only for those who ask for it.
 */
export function readUpdateOnFileMove(value: unknown): UpdateOnFileMove {
  return value === 'never' || value === 'always' || value === 'prompt' ? value : 'always';
}

/** Before asking the server: `skip` does not even compute the edits. */
export function beforeMove(setting: UpdateOnFileMove): 'skip' | 'compute' {
  return setting === 'never' ? 'skip' : 'compute';
}

/** Once the edits are known: apply them, drop them, or ask. */
export function afterCompute(setting: UpdateOnFileMove, linkCount: number): 'apply' | 'skip' | 'ask' {
  if (linkCount === 0 || setting === 'never') return 'skip';
  return setting === 'always' ? 'apply' : 'ask';
}

export const UPDATE = 'Update Links';
export const ALWAYS = 'Always Update Links';
export const NEVER = 'Never Update Links';

/** The answer to the prompt: whether to apply, and the setting to store (if the user chose one). */
export function answer(choice: string | undefined): { apply: boolean; remember?: UpdateOnFileMove } {
  if (choice === UPDATE) return { apply: true };
  if (choice === ALWAYS) return { apply: true, remember: 'always' };
  if (choice === NEVER) return { apply: false, remember: 'never' };
  return { apply: false }; // dismissed: the move goes ahead, the links stay as written
}

/** The prompt's question and detail, e.g. "Update 12 links in 5 files for moving "2_Development"?". */
export function promptText(movedNames: readonly string[], linkCount: number, fileCount: number): { message: string; detail: string } {
  const what = movedNames.length === 1 ? `"${movedNames[0]}"` : `${movedNames.length} items`;
  const links = `${linkCount} link${linkCount === 1 ? '' : 's'}`;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  return {
    message: `Update ${links} in ${files} for moving ${what}?`,
    detail:
      'MQG4AI keeps every link to the moved files, and every relative link inside them, pointing at the same place. The edits can be undone. Change the default with the setting mqg4ai.links.updateOnFileMove.',
  };
}

/** The notification after the links were updated, e.g. "12 links in 5 files were updated for moving "2_Development"." */
export function updatedText(movedNames: readonly string[], linkCount: number, fileCount: number): string {
  const what = movedNames.length === 1 ? `"${movedNames[0]}"` : `${movedNames.length} items`;
  const links = `${linkCount} link${linkCount === 1 ? '' : 's'}`;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  return `${links} in ${files} ${linkCount === 1 ? 'was' : 'were'} updated for moving ${what}. The files are not saved yet.`;
}

export const SAVE_ALL = 'Save All';
