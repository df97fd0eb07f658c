// HUB_TARGETS_FILE: a JSON array of target bodies applied at start as desired state. Targets in the file are
// added or changed (an unchanged one writes nothing, so restarts add no events); targets that exist but are
// not in the file are reported, not removed — removal stays an explicit act (API or CLI).
import { readFileSync } from 'node:fs';
import { parseTargetBody } from './target-body.validator';
import type { TargetInput } from './target-input';
import type { ChangeMetadata, TargetRegistry } from './target-registry';
import { TargetChangedConcurrently, TargetExists } from './target-registry.errors';
import { TargetValidationError } from './target-validation.error';

/** A targets file that cannot be used; the message names the file, the index and the field. */
export class TargetsFileError extends Error {
  override name = 'TargetsFileError';
}

/** What applying the file did. */
export interface TargetsFileOutcome {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** Live targets the file does not list (kept). */
  notInFile: string[];
}

/** Reads and validates the file; every target body must be valid before any is applied. */
export function readTargetsFile(path: string): TargetInput[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TargetsFileError(`HUB_TARGETS_FILE ${path}: cannot read it (${(error as Error).message})`);
  }
  return parseTargetsFile(text, path);
}

/** Validates the file's text (`path` only names it in messages). */
export function parseTargetsFile(text: string, path: string): TargetInput[] {
  let bodies: unknown;
  try {
    bodies = JSON.parse(text);
  } catch (error) {
    throw new TargetsFileError(`HUB_TARGETS_FILE ${path}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(bodies)) throw new TargetsFileError(`HUB_TARGETS_FILE ${path}: must be a JSON array of target bodies`);
  const inputs = bodies.map((body, index) => parseAt(body, index, path));
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    if (seen.has(input.id)) throw new TargetsFileError(`HUB_TARGETS_FILE ${path}: [${index}].id repeats target ${input.id}`);
    seen.add(input.id);
  });
  return inputs;
}

async function applyOne(registry: TargetRegistry, input: TargetInput, meta: ChangeMetadata): Promise<'added' | 'changed' | 'unchanged'> {
  if (!registry.view(input.id)) {
    await registry.add(input, meta);
    return 'added';
  }
  return (await registry.change(input.id, input, meta)).changed ? 'changed' : 'unchanged';
}

function parseAt(body: unknown, index: number, path: string): TargetInput {
  try {
    return parseTargetBody(body);
  } catch (error) {
    if (error instanceof TargetValidationError) throw new TargetsFileError(`HUB_TARGETS_FILE ${path}: [${index}].${error.message}`);
    throw error;
  }
}

/** Applies validated targets to the registry as desired state. */
export async function applyTargets(registry: TargetRegistry, inputs: readonly TargetInput[], meta: ChangeMetadata): Promise<TargetsFileOutcome> {
  const outcome: TargetsFileOutcome = { added: [], changed: [], unchanged: [], notInFile: [] };
  for (const input of inputs) {
    let result: keyof Omit<TargetsFileOutcome, 'notInFile'>;
    try {
      result = await applyOne(registry, input, meta);
    } catch (error) {
      // Replicas starting together with the same file race; the loser has caught up and decides again.
      if (!(error instanceof TargetChangedConcurrently || error instanceof TargetExists)) throw error;
      result = await applyOne(registry, input, meta);
    }
    outcome[result].push(input.id);
  }
  const listed = new Set(inputs.map((i) => i.id));
  outcome.notInFile = registry.views().map((v) => v.id).filter((id) => !listed.has(id));
  return outcome;
}
