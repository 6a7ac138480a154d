// Password hashing with argon2id (Node's built-in implementation), stored as a PHC string.
// Parameters follow the OWASP minimum for argon2id: 19 MiB, 2 passes, 1 lane.
import { argon2, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const argon2Async = promisify(argon2);
const params = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const hash = await argon2Async("argon2id", { message: password, nonce, ...params });
  return `$argon2id$v=19$m=${params.memory},t=${params.passes},p=${params.parallelism}$${b64(nonce)}$${b64(hash)}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) {
    // Spend the same time as a real check, so timing does not tell which accounts exist.
    await hashPassword(password);
    return false;
  }
  const hash = await argon2Async("argon2id", {
    message: password,
    nonce: parsed.nonce,
    memory: parsed.memory,
    passes: parsed.passes,
    parallelism: parsed.parallelism,
    tagLength: parsed.hash.length,
  });
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
}

function parse(phc: string) {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!m) return null;
  return {
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    nonce: Buffer.from(m[4] ?? "", "base64"),
    hash: Buffer.from(m[5] ?? "", "base64"),
  };
}

const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");
