import { createContext, useContext } from 'react';
import type { TerminalBridge } from '../../shared/ipc/contract.ts';

export const BridgeContext = createContext<TerminalBridge | null>(null);

/** The contract, for components that send requests (settings, backfill, kill switch…). */
export function useBridge(): TerminalBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge: no BridgeContext provider above this component');
  return bridge;
}
