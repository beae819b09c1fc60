import type { Handlers } from '../../../shared/ipc/contract.ts';
import { importPriceCsv, type HistoryRepo } from '../store/history.ts';
import type { PatternService } from './patternService.ts';

type PatternHandlers = Pick<Handlers, 'patterns.study' | 'history.analytics' | 'history.importPrices'>;

/** The contract's pattern-study and history-analytics requests, spread into the backend's handlers. */
export function createPatternHandlers(service: PatternService, store: { history: HistoryRepo }): PatternHandlers {
  return {
    'patterns.study': (input) => service.study(input),
    'history.analytics': ({ base, peers }) => service.analytics(base, peers),
    'history.importPrices': ({ fileName, text }) => importPriceCsv(store, text, fileName),
  };
}
