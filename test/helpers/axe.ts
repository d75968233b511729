import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './serve-process';

const AXE_SOURCE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** One rule broken, with where (CSS selectors) and axe's own summary of each place. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; summary: string }>;
}

/**
 * Runs axe-core (the engine of the browsers' accessibility checks) over the
 * page as it is now: its source goes into the page from node_modules, so
 * nothing is fetched. WCAG 2.x A and AA plus axe's best practices.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(`'axe' in window`);
  // Not page.addScriptTag: the app's CSP (script-src 'self') refuses an inline
  // script, rightly. An evaluation from the test driver is not the page's own script.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  // A string, not a function: this runs in the page, where `axe` and `document` live.
  const result = (await page.evaluate(`axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })`)) as {
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[]; failureSummary?: string }>;
    }>;
  };
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? '' })),
  }));
}

/** Violations as lines a failing test can print: rule, impact, and each place. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.summary}`),
  );
}
