// Where a profiled run keeps its .cpuprofile files, and the summary read back from one.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ScenarioId, SystemId } from '../bench.types';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.parts';

/** `<profileDir>/<system>-<scenario>.cpuprofile` (opens in Chrome DevTools' Performance panel or VS Code). */
export function profileFileName(profileDir: string, system: SystemId, scenario: ScenarioId): string {
  return path.join(profileDir, `${system}-${scenario}.cpuprofile`);
}

/** The summary of a written profile, with its path relative to the results folder. */
export function readProfileSummary(file: string, outDir: string): ProfileSummary & { file: string } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return { file: path.relative(outDir, file), ...summariseProfile(profile) };
}
