import { app } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/**
 * The page the trusted window loads, and so the page that gets the bridge:
 * the app's own files, or electron-vite's dev server (ELECTRON_RENDERER_URL)
 * while developing. Never the variable in a packaged app, where anyone who
 * can set an environment variable would otherwise choose what page drives
 * the sockets.
 */
export function trustedPageUrl(env: NodeJS.ProcessEnv = process.env): string {
  const devServer = env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && devServer ? devServer : `${APP_ORIGIN}/index.html`;
}
