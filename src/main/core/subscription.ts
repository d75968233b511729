/** One window (or browser tab) listening to events, as a transport sees it. */
export interface Subscription {
  ack(seq: number): void;
  dispose(): void;
}
