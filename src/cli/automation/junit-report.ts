import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScriptDiagnostic } from '../../shared/automation/script-ast';
import { sentenceOf } from '../messages';
import { describeStep, type StepResult } from './step-record';

/**
 * `run --junit FILE`: the run as a JUnit XML report, the format CI systems
 * (GitLab, Jenkins, GitHub's test reporters) read. One test case per step
 * of the script, in order: passed, failed (with the reason), or skipped
 * when the run never reached it. A script that does not parse is one test
 * case in error, with every diagnostic; so is a connection that never opened.
 */

/** Why the sequence could not run at all: one test case in error. */
export interface JunitError {
  name: string;
  type: string;
  message: string;
  detail: string;
}

export interface JunitRun {
  script: string;
  /** When the run started (ms since the epoch). */
  startedAt: number;
  seconds: number;
  steps: StepResult[];
  /** Set when the sequence could not run at all. */
  error?: JunitError;
}

/** The script does not parse: every error, at its line and column. */
export function scriptError(script: string, diagnostics: ScriptDiagnostic[]): JunitError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const lines = errors.map((d) => `line ${d.line}, column ${d.column}: ${sentenceOf(d)}`);
  return {
    name: `${path.basename(script)} is a sequence that can run`,
    type: 'script-invalid',
    message: `The script has ${errors.length} error${errors.length === 1 ? '' : 's'}; ${lines[0] ?? ''}`,
    detail: lines.join('\n'),
  };
}

/** The connection the sequence needs did not open (refused, timed out, …). */
export function connectionError(sentence: string): JunitError {
  return {
    name: 'the connection opens',
    type: 'connection-failed',
    message: sentence,
    detail: sentence,
  };
}

export function junitXml(run: JunitRun): string {
  const name = path.basename(run.script);
  const cases = run.error ? [errorCase(name, run.error)] : run.steps.map((s) => stepCase(name, s));
  const failures = run.steps.filter((s) => s.state === 'failed').length;
  const errors = run.error ? 1 : 0;
  const skipped = run.error ? 0 : run.steps.filter((s) => s.state === 'not run').length;
  const tests = cases.length;
  const time = run.seconds.toFixed(3);
  const stamp = new Date(run.startedAt).toISOString().slice(0, 19);
  const suite = attrs({
    name: `wirebench run ${name}`,
    tests,
    failures,
    errors,
    skipped,
    time,
    timestamp: stamp,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({ name: 'wirebench', tests, failures, errors, skipped, time })}>`,
    `  <testsuite ${suite}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export async function writeJunit(file: string, run: JunitRun): Promise<void> {
  await writeFile(file, junitXml(run), 'utf8');
}

function stepCase(classname: string, s: StepResult): string {
  const head = `    <testcase ${attrs({ classname, name: `step ${s.step + 1}, ${describeStep(s)}`, time: (s.ms / 1000).toFixed(3) })}`;
  if (s.state === 'passed') return `${head}/>`;
  if (s.state === 'not run') return `${head}>\n      <skipped/>\n    </testcase>`;
  const why = s.failure?.sentence ?? 'failed';
  const type = s.failure?.code ?? 'failed';
  return `${head}>\n      <failure ${attrs({ message: why, type })}>${text(why)}</failure>\n    </testcase>`;
}

function errorCase(classname: string, error: JunitError): string {
  return [
    `    <testcase ${attrs({ classname, name: error.name, time: '0.000' })}>`,
    `      <error ${attrs({ message: error.message, type: error.type })}>${text(error.detail)}</error>`,
    '    </testcase>',
  ].join('\n');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`)
    .join(' ');
}

function text(value: string): string {
  return escapeXml(value);
}

/**
 * Escaped for an attribute or element: the five XML specials, and the
 * characters XML 1.0 cannot hold at all (most C0 controls) as U+FFFD.
 */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;');
}
