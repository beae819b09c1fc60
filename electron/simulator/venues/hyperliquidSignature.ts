/**
 * Hyperliquid's signature check, done the way the venue does it: the signer is not sent, it is
 * recovered from the ECDSA signature over an EIP-712 digest, and the recovered address must be
 * a known wallet. L1 actions (order, cancel, updateLeverage …) sign a phantom `Agent` whose
 * `connectionId` is keccak(msgpack(action) ‖ nonce ‖ vault ‖ expiresAfter); user-signed actions
 * (approveBuilderFee …) sign their own fields under the `HyperliquidSignTransaction` domain.
 * The msgpack and EIP-712 encoders here are written from the specs, independently of ccxt, so
 * a test through ccxt checks ccxt's signing against a second implementation.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

export interface WireSignature {
  r: string;
  s: string;
  v: number;
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
const utf8 = new TextEncoder();

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) throw new TypeError(`not a hex string: ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function uintBytes(value: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let rest = value;
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** MessagePack, narrowest forms, maps in key order, floats as float64 (as the venue's encoder). */
export function msgpack(value: unknown): Uint8Array {
  const out: Uint8Array[] = [];
  const lengthHeader = (n: number, fixBase: number, fixMax: number, codes: [number | null, number, number]) => {
    if (n <= fixMax) out.push(Uint8Array.of(fixBase | n));
    else if (codes[0] !== null && n < 0x100) out.push(Uint8Array.of(codes[0], n));
    else if (n < 0x10000) out.push(Uint8Array.of(codes[1]), uintBytes(BigInt(n), 2));
    else out.push(Uint8Array.of(codes[2]), uintBytes(BigInt(n), 4));
  };
  const integer = (n: number) => {
    if (n >= 0 && n <= 0x7f) out.push(Uint8Array.of(n));
    else if (n < 0 && n >= -0x20) out.push(Uint8Array.of(0x100 + n));
    else if (n > 0) {
      const [code, size] = n <= 0xff ? [0xcc, 1] : n <= 0xffff ? [0xcd, 2] : n <= 0xffffffff ? [0xce, 4] : [0xcf, 8];
      out.push(Uint8Array.of(code), uintBytes(BigInt(n), size));
    } else {
      const [code, size] = n >= -0x80 ? [0xd0, 1] : n >= -0x8000 ? [0xd1, 2] : n >= -0x80000000 ? [0xd2, 4] : [0xd3, 8];
      out.push(Uint8Array.of(code), uintBytes(BigInt.asUintN(size * 8, BigInt(n)), size));
    }
  };
  const append = (v: unknown): void => {
    if (v === null || v === undefined) out.push(Uint8Array.of(0xc0));
    else if (typeof v === 'boolean') out.push(Uint8Array.of(v ? 0xc3 : 0xc2));
    else if (typeof v === 'number' && Number.isInteger(v)) integer(v);
    else if (typeof v === 'number') {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, v);
      out.push(Uint8Array.of(0xcb), new Uint8Array(view.buffer));
    } else if (typeof v === 'string') {
      const bytes = utf8.encode(v);
      lengthHeader(bytes.length, 0xa0, 31, [0xd9, 0xda, 0xdb]);
      out.push(bytes);
    } else if (Array.isArray(v)) {
      lengthHeader(v.length, 0x90, 15, [null, 0xdc, 0xdd]);
      v.forEach(append);
    } else if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      lengthHeader(entries.length, 0x80, 15, [null, 0xde, 0xdf]);
      for (const [key, x] of entries) {
        append(key);
        append(x);
      }
    } else throw new TypeError(`msgpack: cannot encode ${typeof v}`);
  };
  append(value);
  return concat(out);
}

/** The `connectionId` of an L1 action. */
export function actionHash(action: unknown, nonce: number, vaultAddress?: string, expiresAfter?: number): Uint8Array {
  const parts = [msgpack(action), uintBytes(BigInt(nonce), 8)];
  parts.push(vaultAddress === undefined ? Uint8Array.of(0) : concat([Uint8Array.of(1), hexToBytes(vaultAddress)]));
  if (expiresAfter !== undefined) parts.push(Uint8Array.of(0), uintBytes(BigInt(expiresAfter), 8));
  return keccak_256(concat(parts));
}

export interface TypedField {
  name: string;
  type: 'string' | 'address' | 'bytes32' | 'bool' | 'uint64' | 'uint256';
}

function encodeField(field: TypedField, value: unknown): Uint8Array {
  switch (field.type) {
    case 'string':
      return keccak_256(utf8.encode(String(value)));
    case 'bytes32':
      return hexToBytes(String(value)).slice(0, 32);
    case 'address':
      return concat([new Uint8Array(12), hexToBytes(String(value))]);
    case 'bool':
      return uintBytes(value === true ? 1n : 0n, 32);
    case 'uint64':
    case 'uint256':
      return uintBytes(BigInt(value as number | string), 32);
  }
}

/** EIP-712 `hashStruct` for a flat struct (no nested struct types: none of Hyperliquid's have them). */
function hashStruct(typeName: string, fields: TypedField[], values: Record<string, unknown>): Uint8Array {
  const typeString = `${typeName}(${fields.map((f) => `${f.type} ${f.name}`).join(',')})`;
  return keccak_256(concat([keccak_256(utf8.encode(typeString)), ...fields.map((f) => encodeField(f, values[f.name]))]));
}

const DOMAIN_FIELDS: TypedField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** keccak(0x1901 ‖ domainSeparator ‖ hashStruct(message)): the digest the wallet signs. */
export function typedDataDigest(domain: { name: string; chainId: number }, typeName: string, fields: TypedField[], message: Record<string, unknown>): Uint8Array {
  const domainSeparator = hashStruct('EIP712Domain', DOMAIN_FIELDS, { ...domain, version: '1', verifyingContract: ZERO_ADDRESS });
  return keccak_256(concat([Uint8Array.of(0x19, 0x01), domainSeparator, hashStruct(typeName, fields, message)]));
}

/** Digest of an L1 action: the phantom agent, source `a` on mainnet and `b` on testnet. */
export function l1ActionDigest(connectionId: Uint8Array, testnet: boolean): Uint8Array {
  const fields: TypedField[] = [{ name: 'source', type: 'string' }, { name: 'connectionId', type: 'bytes32' }];
  return typedDataDigest({ name: 'Exchange', chainId: 1337 }, 'Agent', fields, { source: testnet ? 'b' : 'a', connectionId: `0x${bytesToHex(connectionId)}` });
}

/** The lowercase `0x…` address of an uncompressed public key: the last 20 bytes of its keccak. */
function addressOf(publicKey: Uint8Array): string {
  return `0x${bytesToHex(keccak_256(publicKey.slice(1)).slice(-20))}`;
}

/** The lowercase `0x…` address of a wallet's private key (hex), as the venue derives it. */
export function walletAddress(privateKey: string): string {
  return addressOf(secp256k1.getPublicKey(hexToBytes(privateKey), false));
}

/** The lowercase `0x…` address whose key produced `signature` over `digest`; null when none can. */
export function recoverSigner(digest: Uint8Array, signature: WireSignature): string | null {
  try {
    const recovery = signature.v >= 27 ? signature.v - 27 : signature.v;
    const sig = new secp256k1.Signature(BigInt(signature.r), BigInt(signature.s)).addRecoveryBit(recovery);
    return addressOf(sig.recoverPublicKey(digest).toBytes(false));
  } catch (error) {
    if (error instanceof Error) return null; // not a point on the curve: no signer, like a wrong key
    throw error;
  }
}

/** EIP-55 mixed-case form, for looking up wallets registered with a checksummed address. */
export function checksumAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^0x/, '');
  const hash = bytesToHex(keccak_256(utf8.encode(lower)));
  return `0x${[...lower].map((c, i) => (parseInt(hash[i], 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
}
