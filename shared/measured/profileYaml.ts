// Profile files (`cli calibrate --out profile.yaml`, read through host.cpu.profile_file): YAML of
// cpuProfileData's fields, parsed with located errors (file: path (line, col): message).
import { stringify } from 'yaml';
import type { ScenarioError } from '../scenario/scenarioError';
import { cpuProfileData, type CpuProfileData } from '../scenario/cpuProfileData';
import { translateIssues } from '../scenario/issues';
import type { WalkableSchema } from '../scenario/schemaWalk';
import { loadYaml } from '../scenario/yamlSource';

export function profileToYaml(p: CpuProfileData, header: string): string {
  return `${header
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n')}\n${stringify(p, { lineWidth: 0 })}`;
}

export type ProfileParse = { ok: true; profile: CpuProfileData } | { ok: false; errors: ScenarioError[] };

export function parseProfileYaml(text: string): ProfileParse {
  const loaded = loadYaml(text, { maxBytes: 64 * 1024 });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  if (loaded.data === null || typeof loaded.data !== 'object' || Array.isArray(loaded.data)) {
    return {
      ok: false,
      errors: [
        { path: '', line: 1, col: 1, message: 'a profile is a mapping (name, ghz, fast, ptr_ring, slow, …) as `cli calibrate` writes it' },
      ],
    };
  }
  const r = cpuProfileData.safeParse(loaded.data);
  if (r.success) return { ok: true, profile: r.data };
  return {
    ok: false,
    errors: translateIssues(r.error.issues, {
      schema: cpuProfileData as unknown as WalkableSchema,
      data: loaded.data,
      source: loaded.source,
    }),
  };
}
