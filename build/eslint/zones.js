/**
 * The layering of DESIGN.md as a lint rule: every import is resolved against
 * the importing file and checked against the zone table in zone-table.js, so
 * a wrong import is a red `npm test`, not a review comment.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { zoneFor, featureOf } from './zone-table.js';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function isBuiltin(spec) {
  return spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0]);
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const zonesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import zones of DESIGN.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' }, aliases: { type: 'object' } } }],
    messages: { forbidden: '{{zone}} ne peut pas importer « {{spec}} » : {{why}}' },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root ?? context.cwd;
    const aliases = options.aliases ?? {};
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const zone = zoneFor(file);
    if (!zone) return {};

    function targetPath(spec) {
      for (const [alias, target] of Object.entries(aliases)) {
        if (spec === alias || spec.startsWith(`${alias}/`)) return target + spec.slice(alias.length);
      }
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const absolute = path.resolve(path.dirname(context.filename), spec);
        return path.relative(root, absolute).split(path.sep).join('/');
      }
      return undefined;
    }

    function verdict(spec) {
      if (isBuiltin(spec)) return zone.builtins ? undefined : 'les modules Node sont interdits ici';
      const target = targetPath(spec);
      if (target === undefined) {
        const name = packageName(spec);
        if (zone.forbiddenPackages?.includes(name)) return `le paquet ${name} est interdit ici`;
        if (zone.allowedPackages && !zone.allowedPackages.includes(name))
          return `seuls ${zone.allowedPackages.join(', ')} sont permis ici`;
        return undefined;
      }
      for (const rule of zone.forbiddenPaths ?? []) {
        if (
          (target === rule.path.replace(/\/$/, '') || target.startsWith(rule.path)) &&
          !rule.except?.includes(target)
        )
          return rule.why;
      }
      const from = featureOf(file);
      const to = featureOf(target);
      if (from && to && from.name !== to.name && !to.isFace)
        return `une autre fonctionnalité (${to.name}) ne s’importe que par son index.ts`;
      return undefined;
    }

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const why = verdict(spec);
      if (why) context.report({ node, messageId: 'forbidden', data: { zone: zone.name, spec, why } });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression(node) {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal')
          check(arg, arg.value);
      },
    };
  },
};
