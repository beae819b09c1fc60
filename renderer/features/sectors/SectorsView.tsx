import type { SectorSnapshotView } from '../../../shared/domain/sectors.ts';
import { formatPct } from '../../ui/format.ts';
import { useSectors } from '../../store/sectorsStore.ts';
import { DivergenceHeatmap } from './DivergenceHeatmap.tsx';
import { ReturnBars } from './ReturnBars.tsx';
import { SectorStyles } from './SectorStyles.tsx';
import { SectorTable } from './SectorTable.tsx';

/** BTC/ETH funding divergence above this is a signal in itself (domain §2.3). */
const BTC_ETH_FLAG_PCT = '0.05 %';

function Rotation({ snapshot }: { snapshot: SectorSnapshotView }) {
  const { label, outOf, into } = snapshot.rotation;
  if (!label && outOf.length === 0 && into.length === 0) return <p className="rotation none" role="status" aria-label="Rotation">No rotation signal: no sector diverges enough.</p>;
  return (
    <p className="rotation" role="status" aria-label="Rotation">
      ⟳ {label ?? `rotation${outOf.length ? ` out of ${outOf.join(', ')}` : ''}${into.length ? ` into ${into.join(', ')}` : ''}`}
    </p>
  );
}

function BtcEth({ btcEth }: { btcEth: SectorSnapshotView['btcEth'] }) {
  const value = `${formatPct(btcEth.divergencePer8h)} /8h`;
  return btcEth.flagged ? (
    <span className="flag" role="status" aria-label={`BTC/ETH divergence ${value}, above ${BTC_ETH_FLAG_PCT}: flagged`}>⚑ BTC−ETH {value} &gt; {BTC_ETH_FLAG_PCT}</span>
  ) : (
    <span className="muted" aria-label={`BTC/ETH divergence ${value}, within ${BTC_ETH_FLAG_PCT}`}>BTC−ETH {value} (flag &gt; {BTC_ETH_FLAG_PCT})</span>
  );
}

/** Today's sector overlay: which sectors are overheated, where rotation points, how sectors moved. */
export function SectorsView() {
  const latest = useSectors((s) => s.latest);
  const history = useSectors((s) => s.history);
  const loaded = useSectors((s) => s.loaded);
  const error = useSectors((s) => s.error);
  return (
    <section className="screen sectors-screen" aria-label="Sectors">
      <SectorStyles />
      <div className="screen-head">
        <h1>Sectors</h1>
        {latest ? (
          <>
            <span className="muted">as of {new Date(latest.at).toISOString().slice(11, 19)} UTC</span>
            <span>cross-sector median <span className="num">{formatPct(latest.crossSectorMedianPer8h)}</span> <span className="unit">/8h</span></span>
            <BtcEth btcEth={latest.btcEth} />
          </>
        ) : null}
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {!latest ? (
        <p className="placeholder" role="status">{loaded ? 'No sector state yet: the engine needs quotes and a sector map.' : 'Loading sectors…'}</p>
      ) : (
        <>
          <Rotation snapshot={latest} />
          <div className="sector-panels">
            <DivergenceHeatmap history={history} />
            <ReturnBars sectors={latest.sectors} />
          </div>
          <SectorTable sectors={latest.sectors} />
        </>
      )}
    </section>
  );
}
