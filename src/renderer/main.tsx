import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/bridge';
import { ApiContext } from './api/api-context';
import { App } from './app/App';
import { startRuleSync } from './automation/rule-sync';
import { startFeed } from './store/feed';
import { addNotice, setConnected } from './store/store';
import './styles.css';

const api = connectApi();
startFeed(api, (then) => requestAnimationFrame(() => then()))
  // The rules main already holds are the starting point; edits from here on are applied.
  .then(() => startRuleSync(api))
  .catch((err: Error) => {
    setConnected(false);
    addNotice({ level: 'error', endpointId: null, message: err.message });
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
