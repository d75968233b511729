import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORKSPACE_VERSION } from '../../../src/shared/contract/workspace';
import { parseWorkspace } from '../../../src/shared/contract/workspace-parse';
import { englishOf as sayEnglish } from '../../../src/shared/messages/plain-formats';

const server = { kind: 'tcp-server', host: '127.0.0.1', port: 9000 };

describe('the workspace document', () => {
  it('a version 1 file (the command line rules and periodic sends) migrates to version 2, keeping both', () => {
    const v1 = {
      version: 1,
      rules: {
        modbus: [{ id: 'r1', matchAs: 'any', match: '', reply: { mode: 'hex', source: '01' } }],
      },
      periodic: { hb: { payload: { mode: 'text', source: 'ping' }, intervalMs: 1000 } },
    };
    const parsed = parseWorkspace(JSON.stringify(v1));
    if (!parsed.ok) throw new Error(sayEnglish(parsed.problem));
    expect(parsed.migratedFrom).toBe(1);
    expect(parsed.doc.version).toBe(WORKSPACE_VERSION);
    expect(parsed.doc.tabs).toEqual([]);
    expect(Object.keys(parsed.doc.rules)).toEqual(['modbus']);
    expect(parsed.doc.periodic['hb']?.count).toBeNull();
  });

  it('a version 2 document keeps its tabs with defaults for what an older writer left out', () => {
    const parsed = parseWorkspace(JSON.stringify({ version: 2, tabs: [{ spec: server }] }));
    if (!parsed.ok) throw new Error(sayEnglish(parsed.problem));
    expect(parsed.migratedFrom).toBeNull();
    const tab = parsed.doc.tabs[0];
    expect(tab?.spec).toMatchObject(server);
    expect(tab?.draft.mode).toBe('text');
    expect(tab?.log.framing).toEqual({ mode: 'raw' });
    expect(tab?.history).toEqual([]);
  });

  it('says in one sentence what is wrong and where: the field path and the problem', () => {
    const bad = { version: 2, tabs: [{ spec: { ...server, port: 70000 } }] };
    const parsed = parseWorkspace(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const said = sayEnglish(parsed.problem);
    expect(said).toMatch(/^tabs\.0\.spec\.port: /);
    expect(said).toContain('65535');
  });

  it('refuses text that is not JSON, a newer version, and a document with no version', () => {
    const notJson = parseWorkspace('{"version": 2, "tabs": [');
    expect(!notJson.ok && notJson.problem.code).toBe('workspace.not-json');
    const newer = parseWorkspace(JSON.stringify({ version: 99 }));
    expect(!newer.ok && newer.problem).toMatchObject({
      code: 'workspace.newer',
      params: { version: 99, supported: WORKSPACE_VERSION },
    });
    const none = parseWorkspace(JSON.stringify({ tabs: [] }));
    expect(!none.ok && sayEnglish(none.problem)).toMatch(/^version: /);
  });

  it('any JSON at all is a document or one problem, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, asV2) => {
        const input =
          asV2 && typeof value === 'object' && value && !Array.isArray(value)
            ? { ...value, version: 2 }
            : value;
        const parsed = parseWorkspace(JSON.stringify(input));
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
