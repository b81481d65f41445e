import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * core and forms stay pure (DESIGN.md, CONVENTIONS.md §3): no vendor SDK, no file system or network,
 * no environment. Only the plugins import their SDK and only apps/server reads the environment.
 * The checker parses with the TypeScript compiler, so comments and strings that merely mention a module
 * or `process.env` do not count, while every real import form does.
 */
const FORBIDDEN_MODULES: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /^botbuilder(?:[-/]|$)/, why: 'Bot Framework SDK hoort alleen in packages/teams-bot' },
  { pattern: /^@microsoft\//, why: 'Microsoft SDK hoort alleen in packages/teams-bot' },
  { pattern: /^@slack\//, why: 'Slack SDK hoort alleen in packages/slack-app' },
  { pattern: /^@notionhq\//, why: 'Notion SDK hoort alleen in packages/notion-sync' },
  { pattern: /^(?:node:)?fs(?:\/|$)/, why: 'geen bestandstoegang in een pure package' },
  { pattern: /^(?:node:)?(?:net|http|https|http2|dgram|tls)$/, why: 'geen netwerk in een pure package' },
  { pattern: /^(?:node:)?child_process$/, why: 'geen processen starten in een pure package' },
];

interface BoundaryViolation {
  file: string;
  line: number;
  what: string;
  why: string;
}

function isProcess(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'process';
  // globalThis.process.env
  return ts.isPropertyAccessExpression(node) && node.name.text === 'process';
}

function findBoundaryViolations(source: string, file: string): BoundaryViolation[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const violations: BoundaryViolation[] = [];
  const report = (node: ts.Node, what: string, why: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    violations.push({ file, line, what, why });
  };
  const checkModule = (node: ts.Node, specifier: ts.Node | undefined) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const rule = FORBIDDEN_MODULES.find(({ pattern }) => pattern.test(specifier.text));
    if (rule) report(node, `import van "${specifier.text}"`, rule.why);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      // `import type` of a Node built-in is erased when compiling: naming Node's request type opens no
      // socket. A vendor SDK stays forbidden even for types: core must not depend on one.
      const typeOnly = ts.isImportDeclaration(node)
        ? node.importClause?.isTypeOnly === true
        : node.isTypeOnly;
      const builtIn =
        node.moduleSpecifier !== undefined &&
        ts.isStringLiteralLike(node.moduleSpecifier) &&
        node.moduleSpecifier.text.startsWith('node:');
      if (!(typeOnly && builtIn)) checkModule(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      checkModule(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) checkModule(node, node.arguments[0]);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'env' &&
      isProcess(node.expression)
    ) {
      report(node, 'process.env', 'alleen apps/server leest de omgeving (env.ts)');
    } else if (
      ts.isElementAccessExpression(node) &&
      isProcess(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === 'env'
    ) {
      report(node, "process['env']", 'alleen apps/server leest de omgeving (env.ts)');
    } else if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      isProcess(node.initializer) &&
      ts.isObjectBindingPattern(node.name) &&
      node.name.elements.some(
        (element) => (element.propertyName ?? element.name).getText(sourceFile) === 'env',
      )
    ) {
      report(node, '{ env } = process', 'alleen apps/server leest de omgeving (env.ts)');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations;
}

const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE_FILE.test(entry) && !TEST_FILE.test(entry) ? [path] : [];
  });
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const pureRoots = ['packages/core/src', 'packages/forms/src'];

describe('import boundaries of the pure packages', () => {
  it('core and forms import no vendor SDK, no fs or network, and do not read process.env', () => {
    const files = pureRoots.flatMap((root) => sourceFiles(join(repoRoot, root)));
    // Guard against a vacuous pass: the walk must have found core's own sources.
    expect(files.filter((file) => file.includes('packages/core/src')).length).toBeGreaterThan(20);
    const violations = files.flatMap((file) =>
      findBoundaryViolations(readFileSync(file, 'utf8'), relative(repoRoot, file)),
    );
    expect(violations).toEqual([]);
  });
});

describe('the boundary checker itself', () => {
  it('reports every forbidden import form and environment read, with file and line', () => {
    const source = [
      "import { CloudAdapter } from 'botbuilder';",
      "import type { App } from '@slack/bolt';",
      "export { Client } from '@notionhq/client';",
      "import { readFile } from 'node:fs/promises';",
      "import * as fs from 'fs';",
      "const net = await import('node:net');",
      "const http = require('node:http');",
      'const token = process.env.NOTION_TOKEN;',
      "const other = process['env'];",
      'const { env } = process;',
      'const viaGlobal = globalThis.process.env;',
    ].join('\n');
    const violations = findBoundaryViolations(source, 'packages/core/src/bad.ts');
    expect(violations.map((violation) => [violation.line, violation.what])).toEqual([
      [1, 'import van "botbuilder"'],
      [2, 'import van "@slack/bolt"'],
      [3, 'import van "@notionhq/client"'],
      [4, 'import van "node:fs/promises"'],
      [5, 'import van "fs"'],
      [6, 'import van "node:net"'],
      [7, 'import van "node:http"'],
      [8, 'process.env'],
      [9, "process['env']"],
      [10, '{ env } = process'],
      [11, 'process.env'],
    ]);
    expect(violations[0]).toMatchObject({ file: 'packages/core/src/bad.ts' });
  });

  it('ignores mentions in comments and strings and type-only imports, and allows what pure code may use', () => {
    const source = [
      '// never import botbuilder or read process.env here',
      "const hint = 'Zet process.env.NOTION_TOKEN in apps/server';",
      "import { z } from 'zod';",
      "import { createHmac } from 'node:crypto';",
      "import data from '../../data/templates/visieleertraject.json';",
      "import { fsLike } from './fs-like.js';",
      "import type { IncomingMessage } from 'node:http';",
    ].join('\n');
    expect(findBoundaryViolations(source, 'packages/forms/src/ok.ts')).toEqual([]);
  });
});
