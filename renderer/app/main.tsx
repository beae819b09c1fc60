import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { BridgeContext } from '../bridge/bridgeContext.ts';
import { connectBridge } from './bridge.ts';
import { startSync } from './startSync.ts';
import { startClock } from '../store/clockStore.ts';
import { syncSectors } from '../store/sectorsStore.ts';
import { syncAccrual } from '../store/accrualStore.ts';

const link = connectBridge();
startSync(link);
syncSectors(link);
syncAccrual(link);
startClock();

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
createRoot(root).render(
  <BridgeContext value={link}>
    <App />
  </BridgeContext>,
);
