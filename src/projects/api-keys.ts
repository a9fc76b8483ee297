import { createHash, randomBytes } from 'node:crypto';

export interface KeyPair {
  publicKey: string;
  secretKey: string;
}

/** What a key pair may do in its project: an `admin` pair also moves protected prompt labels. */
export const keyRoles = ['admin', 'member'] as const;

export type KeyRole = (typeof keyRoles)[number];

/** A stored role as a `KeyRole`; anything but `admin` reads as `member`, the lesser one. */
export function keyRoleOf(stored: string): KeyRole {
  return stored === 'admin' ? 'admin' : 'member';
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let token = '';
  for (const byte of bytes) token += alphabet[byte % alphabet.length];
  return token;
}

/** A new key pair: `pk-sr-…` names the project, `sk-sr-…` (190 random bits) proves it. */
export function generateKeyPair(): KeyPair {
  return { publicKey: `pk-sr-${randomToken(24)}`, secretKey: `sk-sr-${randomToken(32)}` };
}

/**
 * How a secret key is stored and looked up. Generated keys carry 190 random bits, so a
 * fast hash is as safe as a slow one and lets each request find its key in one lookup.
 */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

/** Enough of a secret to tell keys apart in a list, never enough to use it. */
export function secretKeyHint(secretKey: string): string {
  return secretKey.length <= 12 ? '…' : `${secretKey.slice(0, 8)}…${secretKey.slice(-4)}`;
}
