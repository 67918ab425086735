// "MQG4AI: New Quality Gate...", "New Risk..." and "New Requirement Document...": quick picks for
// the kind, the assessment, the stage or requirement folder and the name; the server computes the
// file and its content (mqg4ai/createDocument), the client applies the edit and opens the result.
import * as vscode from 'vscode';
import { MQG4AI_REQUESTS, type AssessmentInfo, type CoverageItem, type CoverageParams, type NewDocumentKind } from '../../../protocol/protocol';
import { createDocument, type EditSource } from './documentEdits';
import { camelName, fileNameFor, folderLabel, nameProblem, NEW_DOCUMENT_KINDS, nextNumberedFolder, parseGateName, stageOf } from './newDocumentModel';

export const NEW_QUALITY_GATE = 'mqg4ai.newQualityGate';
export const NEW_RISK = 'mqg4ai.newRisk';
export const NEW_REQUIREMENT_DOCUMENT = 'mqg4ai.newRequirementDocument';

/** The assessments the command may place a document in, and where the workspace is. */
export interface AssessmentList {
  refresh(): Promise<void>;
  readonly assessments: readonly AssessmentInfo[];
  readonly active: AssessmentInfo | undefined;
  /** The folder the assessments' folders are relative to. */
  readonly root: string | undefined;
}

/** Arguments for a run without questions (tests, keybindings): with `folder` and `name` nothing is asked. */
export interface NewDocumentArgs {
  readonly kind?: NewDocumentKind;
  /** The folder to put it in (a URI or URI string); for a Leaf-QG with `newSubfolder`, the stage. */
  readonly folder?: vscode.Uri | string;
  /** `Image acquisition (Data)`, `ImageAcquisition`, or for a requirement its folder name (`HumanAgencyOversight`). */
  readonly name?: string;
  /** A Leaf-QG in a new numbered folder of its own (MQG4AI's layout). */
  readonly newSubfolder?: boolean;
  readonly linkFromCollection?: boolean;
}

type Pick<T> = vscode.QuickPickItem & { value: T };

const asUri = (value: vscode.Uri | string): vscode.Uri => (typeof value === 'string' ? vscode.Uri.parse(value) : value);
const nameOf = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

async function subfolders(folder: vscode.Uri): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.Directory && !name.startsWith('.'))
      .map(([name]) => name)
      .sort();
  } catch {
    return [];
  }
}

/** The block folder (`<n>_Lifecycle`, `<n>_RiskManagement`) of an assessment folder, if it has one. */
async function blockFolder(assessment: vscode.Uri, pattern: RegExp): Promise<vscode.Uri | undefined> {
  const name = (await subfolders(assessment)).find((n) => pattern.test(n));
  return name ? vscode.Uri.joinPath(assessment, name) : undefined;
}

/** Runs the command; resolves to the created file, or undefined when cancelled or refused. */
export async function newDocument(
  client: EditSource,
  list: AssessmentList,
  args: NewDocumentArgs = {},
  explorerFolder?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const kind =
    args.kind ??
    (
      await vscode.window.showQuickPick(
        NEW_DOCUMENT_KINDS.map((k) => ({ label: k.label, detail: k.detail, value: k.kind })),
        { title: 'New Quality-Gate Document', placeHolder: 'What to create' },
      )
    )?.value;
  if (!kind) return undefined;
  const what = NEW_DOCUMENT_KINDS.find((k) => k.kind === kind)?.label ?? kind;

  // The folder: given, or picked within an assessment.
  let folder = args.folder ? asUri(args.folder) : undefined;
  if (!folder && kind === 'requirement') return newRequirement(client, list, args, explorerFolder);
  if (!folder) {
    const assessment = await pickAssessment(list, explorerFolder, what);
    if (!assessment) return undefined;
    folder = kind === 'risk' ? await pickRiskFolder(assessment, explorerFolder) : await pickLifecycleFolder(assessment, kind, explorerFolder);
    if (!folder) return undefined;
  }
  let newSubfolder = args.newSubfolder ?? false;
  if (folder.fragment === 'new-subfolder') {
    folder = folder.with({ fragment: '' });
    newSubfolder = true;
  }

  const segments = folder.path.split('/');
  const stage = stageOf(segments);
  const defaultView = kind === 'collection-qg' ? 'Lifecycle' : folderLabel(stage ?? nameOf(folder));
  const input =
    args.name ??
    (await vscode.window.showInputBox({
      title: `New ${what}`,
      prompt:
        kind === 'leaf-qg' || kind === 'collection-qg'
          ? `Name, optionally with its view: "Image acquisition (${camelName(defaultView)})" gives QG_ImageAcquisition_(${camelName(defaultView)}).md`
          : 'Name: "Noisy reference labels" gives NoisyReferenceLabels.md',
      value: kind === 'collection-qg' ? camelName(folderLabel(nameOf(folder))) : '',
      validateInput: nameProblem,
    }));
  if (input === undefined || nameProblem(input)) return undefined;
  const parsed = parseGateName(input, defaultView);
  if (!parsed) return undefined;
  const fileName = fileNameFor(kind, parsed.name, parsed.view);
  if (newSubfolder) folder = vscode.Uri.joinPath(folder, nextNumberedFolder(await subfolders(folder), parsed.name));
  const target = vscode.Uri.joinPath(folder, fileName);

  let linkFromCollection = args.linkFromCollection;
  if (linkFromCollection === undefined && kind === 'leaf-qg' && args.name === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(link) Link it from its Collection-QG', detail: 'Adds it to the list of sub-QGs of the stage', value: true },
        { label: 'Do not link it yet', value: false },
      ],
      { title: `New ${what}: ${fileName}`, placeHolder: 'Add a link to the new gate in its Collection-QG?' },
    );
    if (!choice) return undefined;
    linkFromCollection = choice.value;
  }
  return createDocument(client, kind, target, { linkFromCollection: linkFromCollection === true });
}

/** The application assessment to work in: the one the Explorer folder is in, the only one, or picked (the active one first). */
async function pickAssessment(list: AssessmentList, explorerFolder: vscode.Uri | undefined, what: string): Promise<vscode.Uri | undefined> {
  await list.refresh();
  const root = list.root;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = root ? vscode.Uri.file(root) : workspace;
  if (!base) {
    void vscode.window.showWarningMessage('Open a folder with an MQG4AI repository first.');
    return undefined;
  }
  const applications = list.assessments.filter((a) => a.kind === 'application');
  const uriOf = (a: AssessmentInfo) => (a.folder === '.' ? base : vscode.Uri.joinPath(base, a.folder));
  if (explorerFolder) {
    const containing = applications
      .map((a) => ({ a, uri: uriOf(a) }))
      .filter(({ uri }) => explorerFolder.path === uri.path || explorerFolder.path.startsWith(`${uri.path}/`))
      .sort((x, y) => y.uri.path.length - x.uri.path.length)[0];
    if (containing) return containing.uri;
  }
  if (applications.length === 0) return base;
  if (applications.length === 1) return uriOf(applications[0]);
  const active = list.active?.id;
  const items: Pick<AssessmentInfo>[] = [...applications]
    .sort((x, y) => (x.id === active ? -1 : y.id === active ? 1 : 0))
    .map((a) => ({ label: `${a.id === active ? '$(check) ' : ''}${a.label}`, description: a.folder, value: a }));
  const picked = await vscode.window.showQuickPick(items, { title: `New ${what}`, placeHolder: 'In which assessment?' });
  return picked ? uriOf(picked.value) : undefined;
}

/** A lifecycle stage, a sub-folder of one, or a new numbered sub-folder (MQG4AI's layout for a Leaf-QG). */
async function pickLifecycleFolder(assessment: vscode.Uri, kind: NewDocumentKind, explorerFolder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (explorerFolder && stageOf(explorerFolder.path.split('/'))) {
    const depth = explorerFolder.path.split('/').length - explorerFolder.path.split('/').findIndex((s) => /^\d+_Lifecycle$/.test(s));
    // A stage folder from the Explorer: a Leaf-QG gets its own numbered folder in it.
    return kind === 'leaf-qg' && depth === 2 ? explorerFolder.with({ fragment: 'new-subfolder' }) : explorerFolder;
  }
  const lifecycle = await blockFolder(assessment, /^\d+_Lifecycle$/);
  if (!lifecycle) {
    void vscode.window.showWarningMessage(`${nameOf(assessment)} has no <n>_Lifecycle folder to put a quality gate in.`);
    return undefined;
  }
  const items: Pick<vscode.Uri>[] = [];
  for (const stage of await subfolders(lifecycle)) {
    const stageUri = vscode.Uri.joinPath(lifecycle, stage);
    if (kind === 'leaf-qg') {
      items.push({
        label: `$(new-folder) ${folderLabel(stage)}: new folder`,
        description: stage,
        detail: 'In a numbered folder of its own (MQG4AI layout)',
        value: stageUri.with({ fragment: 'new-subfolder' }),
      });
      for (const sub of await subfolders(stageUri))
        items.push({
          label: `$(folder) ${folderLabel(stage)} › ${folderLabel(sub)}`,
          description: `${stage}/${sub}`,
          value: vscode.Uri.joinPath(stageUri, sub),
        });
    } else {
      items.push({ label: `$(folder) ${folderLabel(stage)}`, description: stage, value: stageUri });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: kind === 'leaf-qg' ? 'New Leaf-QG' : 'New Collection-QG',
    placeHolder: 'Lifecycle stage',
    matchOnDescription: true,
  });
  return picked?.value;
}

/** A requirement's risk folder (`AI_Risks/<i>_<Requirement>`) or a section folder in it. */
async function pickRiskFolder(assessment: vscode.Uri, explorerFolder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (explorerFolder && /\/AI_Risks\/[^/]+/.test(explorerFolder.path)) return explorerFolder;
  const management = await blockFolder(assessment, /^\d+_RiskManagement$/);
  const risks = management ? vscode.Uri.joinPath(management, 'AI_Risks') : undefined;
  const requirements = risks ? await subfolders(risks) : [];
  if (!risks || requirements.length === 0) {
    void vscode.window.showWarningMessage(`${nameOf(assessment)} has no <n>_RiskManagement/AI_Risks/<requirement> folder to put a risk in.`);
    return undefined;
  }
  const items: Pick<vscode.Uri>[] = [];
  for (const requirement of requirements) {
    const uri = vscode.Uri.joinPath(risks, requirement);
    items.push({ label: `$(folder) ${folderLabel(requirement)}`, description: requirement, value: uri });
    for (const section of await subfolders(uri))
      items.push({
        label: `$(folder) ${folderLabel(requirement)} › ${folderLabel(section)}`,
        description: `${requirement}/${section}`,
        value: vscode.Uri.joinPath(uri, section),
      });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Risk',
    placeHolder: 'Requirement (and section) of the risk',
    matchOnDescription: true,
  });
  return picked?.value;
}

/** A requirement document the assessment lacks: picked from its coverage tree's missing requirements. */
async function newRequirement(client: EditSource, list: AssessmentList, args: NewDocumentArgs, explorerFolder?: vscode.Uri): Promise<vscode.Uri | undefined> {
  await list.refresh();
  const inAssessment = explorerFolder ? undefined : list.assessments.length > 1 ? (list.active?.id ?? (await pickAssessmentId(list))) : undefined;
  if (list.assessments.length > 1 && !inAssessment && !explorerFolder) return undefined;
  const trees = await client.sendRequest<CoverageItem[] | null>(
    MQG4AI_REQUESTS.coverage,
    (inAssessment ? { assessment: inAssessment } : {}) satisfies CoverageParams,
  );
  const tree = (trees ?? []).find((t) => !explorerFolder || (t.description && explorerFolder.path.startsWith(t.description))) ?? (trees ?? [])[0];
  const requirements = tree?.children.find((g) => g.id.endsWith('#altai'))?.children ?? [];
  const missing = requirements.filter((r) => r.create);
  if (missing.length === 0) {
    void vscode.window.showInformationMessage(
      requirements.length === 0 ? 'No trustworthy-AI requirements to write here.' : 'Every requirement already has its document.',
    );
    return undefined;
  }
  const wanted = args.name?.trim();
  const chosen = wanted
    ? missing.find((r) => r.create!.uri.endsWith(`/${wanted}.md`) || r.label === wanted)
    : (
        await vscode.window.showQuickPick(
          missing.map((r) => ({ label: r.label, description: decodeURIComponent(r.create!.uri.slice(r.create!.uri.lastIndexOf('/') + 1)), value: r })),
          { title: 'New Requirement Document', placeHolder: 'Which requirement? (only those without a document are listed)' },
        )
      )?.value;
  if (!chosen?.create) return undefined;
  return createDocument(client, 'requirement', vscode.Uri.parse(chosen.create.uri));
}

async function pickAssessmentId(list: AssessmentList): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    list.assessments.filter((a) => a.kind === 'application').map((a) => ({ label: a.label, description: a.folder, value: a.id })),
    { title: 'New Requirement Document', placeHolder: 'In which assessment?' },
  );
  return picked?.value;
}
