import type { PatternStudy, StudySummaryView } from '../../../shared/domain/patterns.ts';
import { baseRateText, hitRateText, liftText } from './studyText.ts';

const ROWS: ReadonlyArray<[string, (s: StudySummaryView) => string]> = [
  ['Events n', (s) => String(s.n)],
  ['Independent windows (the interval\'s n)', (s) => String(s.effectiveN)],
  ['Hits', (s) => String(s.hits)],
  ['Hit rate (95 % CI)', hitRateText],
  ['Base rate', baseRateText],
  ['Lift (hit rate / base rate)', liftText],
  ['Left out: no price at t + Z', (s) => String(s.excluded)],
];

/** In-sample and out-of-sample side by side, with the whole period for reference. */
export function StudySummary({ study }: { study: PatternStudy }) {
  const parts: ReadonlyArray<[string, StudySummaryView]> = [
    ['In-sample (first 70 %)', study.inSample],
    ['Out-of-sample (last 30 %)', study.outOfSample],
    ['All', study.all],
  ];
  return (
    <table aria-label="Event study results">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {parts.map(([name]) => <th key={name} scope="col">{name}</th>)}
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, text]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            {parts.map(([name, summary]) => <td key={name} className="num">{text(summary)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
