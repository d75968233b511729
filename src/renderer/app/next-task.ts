/**
 * Resolves in a later task, so the browser can paint and answer input in
 * between. Work split by `await nextTask()` stays in pieces the user never
 * waits on (a task over 50 ms is what makes a click feel stuck).
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
