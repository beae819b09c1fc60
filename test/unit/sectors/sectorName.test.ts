import { describe, expect, it } from 'vitest';
import { existingSector, newSectorText } from '../../../shared/sectors/sectorName.ts';
import { SECTORS } from '../../../shared/sectors/taxonomy.ts';

describe('a sector name typed by the trader', () => {
  it('is the existing sector whatever its letter case, and surrounding spaces do not count', () => {
    expect(existingSector(' defi ', SECTORS)).toBe('DeFi');
    expect(existingSector('Layer 1', SECTORS)).toBe('Layer 1');
    expect(existingSector('Restaking', SECTORS)).toBeNull();
  });

  it('a new name says it creates a sector of one asset and names the sectors one slip away', () => {
    expect(newSectorText('ZZTOP', 'Gamng', SECTORS)).toBe('No sector is named "Gamng" yet: placing ZZTOP there creates a new sector with ZZTOP as its only asset. Did you mean Gaming?');
    expect(newSectorText('ZZTOP', 'Restaking', SECTORS)).toBe('No sector is named "Restaking" yet: placing ZZTOP there creates a new sector with ZZTOP as its only asset.');
  });
});
