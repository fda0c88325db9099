import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, type EventName, type Events, type RecourseApi } from '../src-shared/contract';

/**
 * Exposes the typed contract as `window.api`: one function per channel plus `on`. The renderer
 * never sees `ipcRenderer` itself.
 */
const api = {
  ...Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke('recourse:call', channel, input)])),
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
    const wrapped = (_event: IpcRendererEvent, payload: Events[E]) => listener(payload);
    ipcRenderer.on(`recourse:event:${event}`, wrapped);
    return () => void ipcRenderer.removeListener(`recourse:event:${event}`, wrapped);
  },
} as RecourseApi;

contextBridge.exposeInMainWorld('api', api);
