// The summary of a profile the bench wrote, read back from its file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.parts';

/** The summary of a written profile, with its path relative to the results folder. */
export function readProfileSummary(file: string, outDir: string): ProfileSummary & { file: string } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return { file: path.relative(outDir, file), ...summariseProfile(profile) };
}
