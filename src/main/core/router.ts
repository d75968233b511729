import type { z } from 'zod';
import {
  fail,
  isOperationName,
  ok,
  operations,
  type EventBatch,
  type Result,
} from '../../shared/contract';
import type { Engine } from '../engine/engine';
import type { EngineSink } from '../engine/endpoint';
import { EndpointError } from '../engine/system-errors';
import { DEFAULT_BATCHER_OPTIONS, EventBatcher, type BatcherOptions } from './event-batcher';
import { handlers } from './handlers/index';
import type { BackendServices, HandlerContext } from './handlers/handler-types';
import type { Subscription } from './subscription';

export type { Subscription } from './subscription';

/**
 * Transport-agnostic dispatch. Every request is parsed against the contract
 * before anything runs; every failure comes back as `{code, message}`;
 * events fan out to each subscriber through its own flow-controlled batcher.
 */
export class Router implements EngineSink {
  private engine: Engine | null = null;
  private readonly batchers = new Set<EventBatcher>();

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
      return fail('unknown-operation', `Unknown operation "${name}"`);
    }
    const parsed = operations[operation].request.safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid-request', describeIssues(parsed.error));
    if (!this.engine) return fail('wrong-state', 'Wirebench is still starting');
    const context: HandlerContext = { engine: this.engine, subscription, services: this.services };
    try {
      const handler = handlers[operation] as (r: unknown, c: HandlerContext) => unknown;
      return ok(await handler(parsed.data, context));
    } catch (err) {
      if (err instanceof EndpointError) return fail(err.code, err.message);
      console.error('wirebench: unexpected failure in', operation, err);
      const message = err instanceof Error ? err.message : String(err);
      return fail('internal', `Wirebench failed to ${operation}: ${message}`);
    }
  }

  /** A new listener for events; the transport delivers each batch. */
  subscribe(deliver: (batch: EventBatch) => void): Subscription {
    const endpoint = (id: string) => (this.engine?.has(id) ? this.engine.get(id) : null);
    const batcher = new EventBatcher(
      deliver,
      {
        ids: () => this.engine?.ids() ?? [],
        info: (id) => endpoint(id)?.info() ?? null,
        peerChanges: (id, stamp, max) => endpoint(id)?.peerChanges(stamp, max) ?? null,
      },
      this.batcherOptions,
      (chunk) => this.engine?.log.holds(chunk) ?? false,
    );
    this.batchers.add(batcher);
    return {
      ack: (seq) => batcher.ack(seq),
      dispose: () => {
        batcher.dispose();
        this.batchers.delete(batcher);
      },
    };
  }

  get subscriberCount(): number {
    return this.batchers.size;
  }

  chunk: EngineSink['chunk'] = (chunk) => {
    for (const b of this.batchers) b.chunk(chunk);
  };

  changed: EngineSink['changed'] = (endpointId) => {
    for (const b of this.batchers) b.changed(endpointId);
  };

  event: EngineSink['event'] = (event) => {
    for (const b of this.batchers) b.event(event);
  };
}

/** zod's issues as one sentence: where in the request, and what is wrong. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k.slice(0, 40)}"`).join(', ')}`
        : issue.message;
    const text = path ? `${path}: ${message}` : message;
    // A message may quote the input; a hostile megabyte is not echoed back.
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more problems)` : '';
  return `Invalid request: ${parts.join('; ')}${more}`;
}
