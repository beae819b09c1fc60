import { EXIT_BAD_INPUT, type CliCommand } from './io.ts';

/** `study`: the sector-divergence event study over funding and price CSV files (issue 4, item 7). */
export const study: CliCommand = async (_argv, io) => {
  io.err('study: not available yet in this build\n');
  return EXIT_BAD_INPUT;
};
