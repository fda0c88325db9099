import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

async function start(): Promise<void> {
  // In Electron the preload has set window.api; in a plain browser the harness serves us and the
  // same API is carried over its WebSocket.
  if (!(window as Partial<Window>).api) {
    const { createSocketApi } = await import('./transport/socket-api');
    window.api = createSocketApi(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`);
  }
  createRoot(document.getElementById('root')!).render(<App />);
}

void start();
