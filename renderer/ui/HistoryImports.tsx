import type { ReactNode } from 'react';
import type { ImportResult, TerminalBridge } from '../../shared/ipc/contract.ts';
import { CsvImport } from './CsvImport.tsx';

interface HistoryImportProps {
  bridge: TerminalBridge;
  level?: 2 | 3;
  /** Said before the format: what the screen needs the file for. */
  why?: ReactNode;
  onImported?(result: ImportResult): void;
}

/** The funding history CSV (its format in the README): Settings and the Backtest panel. */
export function FundingHistoryImport({ bridge, level, why, onImported }: HistoryImportProps) {
  return (
    <CsvImport
      title="Import funding history"
      level={level}
      hint={<>{why}Header <code>venue,symbol,time,rate,interval_hours[,mark_price]</code>; time ISO-8601 or epoch ms UTC; rate decimal per interval.</>}
      send={(file) => bridge.invoke('history.importCsv', file)}
      onImported={onImported}
    />
  );
}

/** The price history CSV (its format in the README): Patterns and the Backtest panel. */
export function PriceHistoryImport({ bridge, level, why, onImported }: HistoryImportProps) {
  return (
    <CsvImport
      title="Import price history"
      level={level}
      hint={<>{why}Header <code>venue,symbol,time,close</code>; time, ISO-8601 or epoch ms UTC, when the close became known (a candle&apos;s end).</>}
      send={(file) => bridge.invoke('history.importPrices', file)}
      onImported={onImported}
    />
  );
}
