/**
 * The policy file IT ships with the package: extra academy presets and the
 * certificate authorities to trust. Validated like any other input.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { presetSchema, type Preset } from '../../shared/contract/index.ts';

const policySchema = z.object({
  presets: z.array(presetSchema).max(200).default([]),
  /** PEM files, relative to the policy file. */
  trustedCertificateFiles: z.array(z.string()).max(32).default([]),
});

export interface Policy {
  presets: Preset[];
  extraCaPem: string[];
}

export async function readPolicyFile(file: string): Promise<Policy> {
  const policy = policySchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const base = path.dirname(file);
  const extraCaPem = await Promise.all(
    policy.trustedCertificateFiles.map((pem) => readFile(path.resolve(base, pem), 'utf8')),
  );
  return { presets: policy.presets, extraCaPem };
}
