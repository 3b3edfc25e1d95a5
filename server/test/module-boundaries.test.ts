import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import rule (docs/ARCHITECTURE.md, "Modules talk through their public face"): code in
// server/src reaches another module through that module's public.ts or service.ts, never its
// repository. A module's own files, its tests (*.test.ts), server/test/, bench/ and the data
// loaders in server/src/seed/ and server/src/cli/ may use repositories directly.

interface SourceFile {
  /** Path relative to server/src, with forward slashes. */
  path: string;
  text: string;
}

interface Violation {
  file: string;
  line: number;
  specifier: string;
}

const EXEMPT_DIRS = ['seed/', 'cli/'];
/** Every static, re-exported, side-effect and dynamic import specifier. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

const moduleOf = (path: string): string | null => /^modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const isRepository = (path: string) => path.split('/').slice(2).some((segment) => /^repository\b/.test(segment));

function boundaryViolations(files: readonly SourceFile[]): Violation[] {
  const found: Violation[] = [];
  for (const file of files) {
    if (file.path.endsWith('.test.ts') || EXEMPT_DIRS.some((d) => file.path.startsWith(d))) continue;
    const own = moduleOf(file.path);
    for (const match of file.text.matchAll(SPECIFIER)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      const owner = moduleOf(target);
      if (owner && owner !== own && isRepository(target)) {
        found.push({ file: file.path, line: file.text.slice(0, match.index).split('\n').length, specifier });
      }
    }
  }
  return found;
}

function sourceTree(root: string): SourceFile[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.ts'))
    .map((p) => {
      const path = p.split('\\').join('/');
      return { path, text: readFileSync(`${root}/${path}`, 'utf8') };
    });
}

describe('module boundaries', () => {
  it('catches every form of a cross-module repository import, and only those', () => {
    const files: SourceFile[] = [
      { path: 'modules/disputes/create.ts', text: "import { loadMatter } from '../matters/repository.js';" },
      { path: 'modules/matters/intake/write.ts', text: "import type { AreaRow } from '../../territory/repository.js';" },
      { path: 'platform/policy/users.ts', text: "\n\nimport * as repo from '../../modules/users/repository.js';" },
      { path: 'modules/auth/service.ts', text: "export { findUserView } from '../users/repository.js';" },
      { path: 'modules/citizens/service.ts', text: "const repo = await import('../users/repository.js');" },
      { path: 'modules/org/service.ts', text: "import '../territory/repository/areas.js';" },
      { path: 'main.ts', text: "import { listOrgUnits } from './modules/org/repository.js';" },
      // Allowed: own repository (also from a sub-folder), another module's public face, tests, seeds.
      { path: 'modules/matters/list.ts', text: "import * as repo from './repository.js';" },
      { path: 'modules/matters/intake/write.ts', text: "import { insertMatter } from '../repository.js';" },
      { path: 'modules/users/service.ts', text: "import { lookupArea } from '../territory/public.js';\nimport { x } from '../org/service.js';" },
      { path: 'modules/users/users.test.ts', text: "import { findArea } from '../territory/repository.js';" },
      { path: 'platform/policy/policy-agreement.test.ts', text: "import { loadMatter } from '../../modules/matters/repository.js';" },
      { path: 'seed/load-demo-city.ts', text: "import { insertAreas } from '../modules/territory/repository.js';" },
      { path: 'modules/public/service.ts', text: "import { repository } from 'some-package/repository';" },
    ];
    expect(boundaryViolations(files)).toEqual([
      { file: 'modules/disputes/create.ts', line: 1, specifier: '../matters/repository.js' },
      { file: 'modules/matters/intake/write.ts', line: 1, specifier: '../../territory/repository.js' },
      { file: 'platform/policy/users.ts', line: 3, specifier: '../../modules/users/repository.js' },
      { file: 'modules/auth/service.ts', line: 1, specifier: '../users/repository.js' },
      { file: 'modules/citizens/service.ts', line: 1, specifier: '../users/repository.js' },
      { file: 'modules/org/service.ts', line: 1, specifier: '../territory/repository/areas.js' },
      { file: 'main.ts', line: 1, specifier: './modules/org/repository.js' },
    ]);
  });

  it('server/src imports no other module’s repository', () => {
    const files = sourceTree(fileURLToPath(new URL('../src', import.meta.url)));
    expect(files.length).toBeGreaterThan(100);
    const report = boundaryViolations(files).map((v) => `${v.file}:${v.line} imports ${v.specifier}: use that module's public.ts or service.ts`);
    expect(report).toEqual([]);
  });
});
