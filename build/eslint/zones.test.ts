/**
 * The layering is a build failure, not a convention: the project's own ESLint
 * config is run on in-memory text placed at real paths of each zone.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function zoneErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'cartable/zones').map((m) => m.message);
}

describe('import zones', () => {
  it('fails a renderer file that imports node:fs', async () => {
    const errors = await zoneErrors(
      'renderer/src/main.ts',
      "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/modules Node/);
  });

  it('fails a renderer file that reaches into the core', async () => {
    const errors = await zoneErrors(
      'renderer/src/main.ts',
      "import { createCore } from '../../electron/core/index.ts';\nvoid createCore;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails a core file that imports electron', async () => {
    const errors = await zoneErrors(
      'electron/core/index.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/electron/);
  });

  it('fails shared code that does I/O', async () => {
    const errors = await zoneErrors(
      'shared/folders.ts',
      "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails a feature that imports another feature’s insides, but not its index.ts', async () => {
    const file = 'renderer/src/features/settings/index.ts';
    expect(
      await zoneErrors(file, "import X from '../mail/FolderPane.svelte';\nexport { X };\n"),
    ).toHaveLength(1);
    expect(await zoneErrors(file, "export * from '../mail/index.ts';\n")).toHaveLength(0);
  });

  it('fails the browser host when it imports core internals or electron', async () => {
    const file = 'electron/server/host.ts';
    expect(
      await zoneErrors(
        file,
        "import { openDatabase } from '../core/db/database.ts';\nexport { openDatabase };\n",
      ),
    ).toHaveLength(1);
    expect(await zoneErrors(file, "import { app } from 'electron';\nexport { app };\n")).toHaveLength(1);
    expect(await zoneErrors(file, "export { createCore } from '../core/index.ts';\n")).toHaveLength(0);
  });

  it('lets the core use Node and its protocol libraries', async () => {
    const code =
      "import net from 'node:net';\nimport { ImapFlow } from 'imapflow';\nexport const x = [net, ImapFlow];\n";
    expect(await zoneErrors('electron/core/index.ts', code)).toHaveLength(0);
  });
});
