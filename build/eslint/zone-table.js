/**
 * Who may import what (STYLE.md, "Layers you can see"). Paths are relative to
 * the repository root; the first matching zone wins.
 */
const ioPackages = [
  'imapflow',
  'nodemailer',
  'tsdav',
  'better-sqlite3',
  'ws',
  '@napi-rs/keyring',
  'electron',
];
const coreEntry = 'electron/core/index.ts';

export const zones = [
  {
    name: 'shared/',
    prefix: 'shared/',
    builtins: false,
    allowedPackages: ['zod', 'vitest'],
    forbiddenPaths: [
      { path: 'electron/', why: 'shared/ ne dépend d’aucune autre zone' },
      { path: 'renderer/', why: 'shared/ ne dépend d’aucune autre zone' },
    ],
  },
  {
    name: 'electron/core/',
    prefix: 'electron/core/',
    builtins: true,
    forbiddenPackages: ['electron'],
    forbiddenPaths: [
      { path: 'electron/main/', why: 'le cœur ne connaît pas son hôte' },
      { path: 'electron/preload/', why: 'le cœur ne connaît pas son hôte' },
      { path: 'electron/server/', why: 'le cœur ne connaît pas son hôte' },
      { path: 'renderer/', why: 'le cœur ne parle à l’interface que par le contrat' },
    ],
  },
  {
    name: 'electron/main/',
    prefix: 'electron/main/',
    builtins: true,
    forbiddenPaths: [
      { path: 'renderer/', why: 'le shell ne touche pas à l’interface' },
      { path: 'electron/core/', except: [coreEntry], why: 'seulement l’entrée publique du cœur' },
      { path: 'electron/server/', why: 'le shell et l’hôte navigateur sont séparés' },
    ],
  },
  {
    name: 'electron/preload/',
    prefix: 'electron/preload/',
    builtins: false,
    allowedPackages: ['electron', 'zod'],
    forbiddenPaths: [
      { path: 'electron/core/', why: 'le preload n’est qu’un tuyau' },
      { path: 'electron/main/', why: 'le preload n’est qu’un tuyau' },
      { path: 'electron/server/', why: 'le preload n’est qu’un tuyau' },
      { path: 'renderer/', why: 'le preload n’est qu’un tuyau' },
    ],
  },
  {
    name: 'electron/server/',
    prefix: 'electron/server/',
    builtins: true,
    forbiddenPackages: ['electron'],
    forbiddenPaths: [
      { path: 'renderer/', why: 'l’hôte sert le build, pas les sources' },
      { path: 'electron/core/', except: [coreEntry], why: 'seulement l’entrée publique du cœur' },
      { path: 'electron/main/', why: 'l’hôte navigateur n’utilise pas Electron' },
    ],
  },
  {
    name: 'renderer/',
    prefix: 'renderer/src/',
    builtins: false,
    forbiddenPackages: ioPackages,
    forbiddenPaths: [{ path: 'electron/', why: 'l’interface ne parle au cœur que par le contrat' }],
  },
];

export function zoneFor(file) {
  return zones.find((zone) => file.startsWith(zone.prefix));
}

/** `renderer/src/features/<name>/…` → the feature, and whether the path is its face. */
export function featureOf(file) {
  const match = /^renderer\/src\/features\/([^/]+)(\/.*)?$/.exec(file);
  if (!match) return undefined;
  const rest = match[2] ?? '';
  return { name: match[1], isFace: rest === '' || rest === '/' || rest === '/index.ts' || rest === '/index' };
}
