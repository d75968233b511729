import {
  fail,
  isOperationName,
  ok,
  operations,
  type EventBatch,
  type Result,
} from '../../shared/contract';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { requestIssues } from '../../shared/messages/request-issues';
import type { Engine } from '../engine/engine';
import type { EngineSink } from '../engine/endpoint';
import { EndpointError } from '../engine/system-errors';
import { DEFAULT_BATCHER_OPTIONS, type BatcherOptions } from './batcher-options';
import { EventBatcher } from './event-batcher';
import { handlers } from './handlers/index';
import type { BackendServices, HandlerContext } from './handlers/handler-types';
import type { Subscription } from './subscription';

export type { Subscription } from './subscription';

/**
 * Transport-agnostic dispatch. Every request is parsed against the contract
 * before anything runs; every failure comes back as `{code, message}`, the
 * message a catalogue code with its values (never a sentence);
 * events fan out to each subscriber through its own flow-controlled batcher.
 */
export class Router implements EngineSink {
  private engine: Engine | null = null;
  /** An array, not a Set: every chunk recorded is fanned out to each, and a loop over it costs least. */
  private readonly batchers: EventBatcher[] = [];

  constructor(
    private readonly services: BackendServices,
    private readonly batcherOptions: BatcherOptions = DEFAULT_BATCHER_OPTIONS,
  ) {}

  attach(engine: Engine): void {
    this.engine = engine;
  }

  /** Validates and runs one request; never throws. */
  async handle(
    operation: unknown,
    payload: unknown,
    subscription: Subscription | null = null,
  ): Promise<Result<unknown>> {
    if (!isOperationName(operation)) {
      const name = typeof operation === 'string' ? operation.slice(0, 64) : typeof operation;
      return fail('unknown-operation', msg('request.unknown-operation', { name }));
    }
    const parsed = operations[operation].request.safeParse(payload ?? {}, { reportInput: true });
    if (!parsed.success) return fail('invalid-request', invalidRequest(parsed.error));
    if (!this.engine) return fail('wrong-state', msg('request.starting', {}));
    const context: HandlerContext = { engine: this.engine, subscription, services: this.services };
    try {
      const handler = handlers[operation] as (r: unknown, c: HandlerContext) => unknown;
      return ok(await handler(parsed.data, context));
    } catch (err) {
      if (err instanceof EndpointError) return fail(err.code, err.ref);
      console.error('wirebench: unexpected failure in', operation, err);
      const detail = err instanceof Error ? err.message : String(err);
      return fail('internal', msg('request.internal', { operation, detail }));
    }
  }

  /** A new listener for events; the transport delivers each batch. Only once an engine is attached. */
  subscribe(deliver: (batch: EventBatch) => void): Subscription {
    const engine = this.engine;
    if (!engine) throw new Error('Router.subscribe before attach');
    const endpoint = (id: string) => (engine.has(id) ? engine.get(id) : null);
    const batcher = new EventBatcher(
      deliver,
      {
        ids: () => engine.ids(),
        info: (id) => endpoint(id)?.info() ?? null,
        peerChanges: (id, stamp, max) => endpoint(id)?.peerChanges(stamp, max) ?? null,
      },
      this.batcherOptions,
      engine.log,
    );
    this.batchers.push(batcher);
    return {
      ack: (seq) => batcher.ack(seq),
      dispose: () => {
        batcher.dispose();
        const at = this.batchers.indexOf(batcher);
        if (at >= 0) this.batchers.splice(at, 1);
      },
    };
  }

  get subscriberCount(): number {
    return this.batchers.length;
  }

  /** The chunk is in the log already: each window reads it from there when its batch goes. */
  chunk: EngineSink['chunk'] = (chunk) => {
    const batchers = this.batchers;
    for (let i = 0; i < batchers.length; i++) batchers[i]!.chunk(chunk.endpointId);
  };

  /** A state, peer or counter change other than a chunk's (a chunk says so itself). */
  changed: EngineSink['changed'] = (endpointId) => {
    const batchers = this.batchers;
    for (let i = 0; i < batchers.length; i++) batchers[i]!.changed(endpointId);
  };

  event: EngineSink['event'] = (event) => {
    for (const b of this.batchers) b.event(event);
  };
}

/**
 * zod's issues as they may travel: structured and bounded (never its English
 * message, never the input: a hostile megabyte is not echoed back), the
 * window saying them with zod's locale or, for our refinements, the catalogue.
 */
export function invalidRequest(error: { issues: ReadonlyArray<object> }): MessageRef {
  const { issues, total } = requestIssues(error);
  return total > issues.length
    ? msg('request.invalid-more', { issues, more: total - issues.length })
    : msg('request.invalid', { issues });
}
