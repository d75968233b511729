import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLY_AFTER_MS, startRuleSync } from '../../src/renderer/automation/rule-sync';
import { startFeed } from '../../src/renderer/store/feed';
import { setRulesDraft, useWorkbench } from '../../src/renderer/store/store';
import { autoReplyRuleSchema } from '../../src/shared/automation/rule-spec';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { must } from '../helpers/result';
import { eventually } from '../helpers/peers';

/**
 * The window keeps the main process's rules as the person edits them
 * (renderer/automation/rule-sync.ts), over the real router and engine: an
 * edit is applied once edits pause, however busy the store is meanwhile.
 */
let bridge: InMemoryApi;
let stopFeed: () => void;
let stopSync: () => void;

beforeEach(async () => {
  useWorkbench.setState(useWorkbench.getInitialState(), true);
  bridge = createInMemoryApi();
  stopFeed = await startFeed(bridge.api, (then) => then());
  stopSync = startRuleSync(bridge.api);
});
afterEach(async () => {
  stopSync();
  stopFeed();
  await bridge.close();
});

const rule = autoReplyRuleSchema.parse({
  id: 'r1',
  matchAs: 'any',
  reply: { mode: 'text', source: 'hi' },
});

describe('rule sync', () => {
  it('applies an edit while the store changes every 20 ms (a flood of batches), and says so', async () => {
    const server = await must(
      bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    await eventually(() => useWorkbench.getState().endpoints[server.id], 'the endpoint');
    setRulesDraft(server.id, { enabled: true, rules: [rule] });
    expect(useWorkbench.getState().rulesApplied[server.id]).toBe('applying');
    // Unrelated updates, faster than the pause an edit waits for.
    const busy = setInterval(() => useWorkbench.setState({ connected: true }), 20);
    try {
      await eventually(
        () => bridge.backend.engine.automation.snapshot()[0]?.autoReply?.ruleList.length === 1,
        'the rule in the main process',
        20 * APPLY_AFTER_MS,
      );
      await eventually(
        () => useWorkbench.getState().rulesApplied[server.id] === 'applied',
        'the window to say it is applied',
      );
    } finally {
      clearInterval(busy);
    }
  });
});
