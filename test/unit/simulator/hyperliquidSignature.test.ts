import { describe, expect, it } from 'vitest';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { checksumAddress, l1ActionDigest, msgpack, recoverSigner } from '../../../electron/simulator/venues/hyperliquidSignature.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The wallet address of a private key: keccak of the uncompressed public key, last 20 bytes (the signer the simulator must recover). */
function walletAddressOf(privateKey: string): string {
  const publicKey = secp256k1.getPublicKey(Uint8Array.from(Buffer.from(privateKey.slice(2), 'hex')), false);
  return `0x${hex(keccak_256(publicKey.slice(1)).slice(-20))}`;
}

describe('msgpack as Hyperliquid hashes actions', () => {
  it('uses the narrowest integer form for each magnitude and sign', () => {
    expect(hex(msgpack(5))).toBe('05');
    expect(hex(msgpack(-3))).toBe('fd');
    expect(hex(msgpack(200))).toBe('ccc8');
    expect(hex(msgpack(300))).toBe('cd012c');
    expect(hex(msgpack(-33))).toBe('d0df');
    expect(hex(msgpack(70_000))).toBe('ce00011170');
    expect(hex(msgpack(1_763_000_000_123))).toBe('cf0000019a7afd1e7b');
  });

  it('keeps map keys in insertion order and encodes strings, booleans, null and floats', () => {
    expect(hex(msgpack({ b: true, a: null }))).toBe('82a162c3a161c0');
    expect(hex(msgpack('x'.repeat(32)))).toBe(`d920${'78'.repeat(32)}`);
    expect(hex(msgpack(1.5))).toBe('cb3ff8000000000000');
    expect(hex(msgpack([1, 'a']))).toBe('9201a161');
  });
});

describe('wallet addresses', () => {
  it('derives the address of a private key (web3 documentation vector)', () => {
    const key = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
    expect(walletAddressOf(key)).toBe('0x2c7536e3605d9c16a7a3d7b1898e529396a65c23');
  });

  it('writes the EIP-55 checksum form (EIP-55 vector)', () => {
    expect(checksumAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
  });
});

describe('signer recovery', () => {
  const key = `0x${'22'.repeat(32)}`;
  const digest = l1ActionDigest(new Uint8Array(32).fill(7), false);
  const signed = secp256k1.sign(digest, Buffer.from(key.slice(2), 'hex'), { prehash: false, format: 'recovered' });
  const signature = {
    r: `0x${hex(signed.slice(1, 33))}`,
    s: `0x${hex(signed.slice(33, 65))}`,
    v: 27 + signed[0],
  };

  it('recovers the address that signed a digest', () => {
    expect(recoverSigner(digest, signature)).toBe(walletAddressOf(key));
  });

  it('recovers a different address when the digest differs, so a changed action is not the wallet\'s', () => {
    const other = l1ActionDigest(new Uint8Array(32).fill(8), false);
    expect(recoverSigner(other, signature)).not.toBe(walletAddressOf(key));
  });

  it('finds no signer for a signature that is not on the curve', () => {
    expect(recoverSigner(digest, { r: '0x0', s: '0x0', v: 27 })).toBeNull();
  });
});
