// The start-up figures (bench/startup.ts, in a child process with its own
// Chromium), each against the goal the app is held to.
import { spawnSync } from 'node:child_process';
import { figure, median } from './figures.mjs';

/** Goals from issue 11: interactive within 500 ms; no task over 50 ms while a tab opens. */
const INTERACTIVE_GOAL_MS = 500;
const TASK_GOAL_MS = 50;

export function startupFigures(bundle) {
  const r = spawnSync(process.execPath, [bundle], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error('the start-up bench failed (see above)');
  const { runs } = JSON.parse(r.stdout.trim().split('\n').pop());
  const problems = runs.flatMap((x) => x.problems);
  if (problems.length) process.stderr.write(`startup: page problems: ${problems.join('; ')}\n`);
  const med = (key) => median(runs.map((x) => x[key]));
  return {
    startup_time_to_interactive: figure(med('tti'), 'ms', {
      name: 'goal: "New connection" answers a click within 500 ms of navigation, no long task after',
      value: INTERACTIVE_GOAL_MS,
      unit: 'ms',
    }),
    startup_first_contentful_paint: figure(med('fcp'), 'ms', null),
    startup_longest_task: figure(med('startLongest'), 'ms', null),
    tab_open_longest_task: figure(med('longestTask'), 'ms', {
      name: 'goal: no main-thread task over 50 ms while a tab opens (Monaco loaded on first use)',
      value: TASK_GOAL_MS,
      unit: 'ms',
    }),
    tab_open_tasks_over_50_ms: figure(med('tasksOver50'), 'count', null),
    tab_open_to_editor: figure(med('editorMs'), 'ms', null),
  };
}
