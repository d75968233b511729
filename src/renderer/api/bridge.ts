import type { WirebenchApi } from '../../shared/contract/api';
import { createWebSocketApi } from './ws-client';

declare global {
  interface Window {
    wirebench?: WirebenchApi;
  }
}

/**
 * The renderer's only door to the main process: the preload's
 * `window.wirebench` in the app, or the same API over WebSocket in the
 * browser mode (the page was opened with ?token=…).
 */
export function connectApi(): WirebenchApi {
  if (window.wirebench) return window.wirebench;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = new URL('/ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = `?token=${encodeURIComponent(token)}`;
  const api = createWebSocketApi(url.toString());
  window.wirebench = api;
  return api;
}
