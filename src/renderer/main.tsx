import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/bridge';
import { ApiContext } from './api/api-context';
import { App } from './app/App';
import { startRuleSync } from './automation/rule-sync';
import { startFeed } from './store/feed';
import { msg } from '../shared/messages/catalogue';
import { addNotice, setConnected } from './store/store';
import { warmUpWhenIdle } from './app/warm-up';
import { startAppearance } from './app/theme';
// The app's own sheets, in cascade order (features import theirs beside their components).
import './styles/theme.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/connection.css';
import './styles/log-panel.css';
import './styles/notices.css';
import './styles/dialog.css';

// The chosen theme and sizes before anything paints.
startAppearance();

const api = connectApi();
startFeed(api, (then) => requestAnimationFrame(() => then()))
  // The rules main already holds are the starting point; edits from here on are applied.
  .then(() => startRuleSync(api))
  .catch((err: Error) => {
    setConnected(false);
    addNotice({
      level: 'error',
      endpointId: null,
      message: msg('app.failed', { detail: err.message }),
    });
  });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <App />
      </ApiContext.Provider>
    </StrictMode>,
  );
}

// What the first connection tab would otherwise pay for (fonts, number formats), while idle.
warmUpWhenIdle();
